// ESLint (flat config): typescript-eslint's recommended rules on every part; Prettier owns formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.azurite/**', 'coverage/**', 'test-results/**', '.bench/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser, Office: 'readonly', Excel: 'readonly', CustomFunctions: 'readonly', OfficeRuntime: 'readonly' },
    },
    rules: {
      // `_name` marks a deliberately unused binding (destructuring away a field, an ignored parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The pure core runs in the browser and in Node: neither's globals.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-console': 'error' },
  },
  prettier,
);
