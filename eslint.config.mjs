// ESLint (flat config): typescript-eslint's recommended rules on every part; Prettier owns formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const PURE = ['zod', 'zod/mini', 'zod/v4/core', 'csv-parse/sync', 'hyparquet'];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The layers (docs/architecture.md), stated once: each part's folder, the folders it may import from, a
 * folder inside it that it must not (`except`, itself outside the rule), and the packages it must not
 * (`bare`, a regular expression). ESLint marks an outward import as it is typed; the layer test
 * (tests/unit/architecture/layers.test.ts) checks the same list over the resolved import graph, dynamic
 * imports included, which ESLint's rule does not see.
 */
export const LAYERS = [
  {
    root: 'shared',
    allowed: ['shared'],
    bare: `^(?![./])(?!(?:${PURE.map(escape).join('|')})$)`,
    message: `shared/ is the pure core: it imports only shared/ and ${PURE.join(', ')} (no Node, no DOM, no other part)`,
  },
  { root: 'node', allowed: ['shared', 'node'], message: 'node/ (the Node adapter) imports only shared/ and node/' },
  {
    root: 'functions/src',
    allowed: ['functions/src', 'shared', 'node'],
    message: 'the Functions app imports functions/src/, shared/ and node/, never cli/ or addin/',
  },
  { root: 'cli', allowed: ['cli', 'shared', 'node'], message: 'the CLI imports cli/, shared/ and node/, never the Functions app or the add-in' },
  {
    root: 'addin',
    allowed: ['addin', 'shared'],
    except: ['addin/build'],
    bare: '^node:',
    message: 'the add-in runtime imports addin/ and shared/ only: no Node, no server code, no build-time code (addin/build)',
  },
];

const ancestors = (dir) => dir.split('/').map((_, i, parts) => parts.slice(0, parts.length - 1 - i).join('/'));
const inside = (path, dir) => dir === '' || path === dir || path.startsWith(`${dir}/`);

/**
 * `no-restricted-imports` matches an import as written, so each depth below a part gets its own pattern:
 * from a file `below` folders under `root`, climbing at most `below` times stays in the part (where only
 * `except`, a folder just under `root`, is out of bounds); each further climb is at an ancestor of `root`,
 * and what follows must lead into an allowed folder.
 */
function climbsOut(root, below, allowed, except) {
  const exactly = (n) => (n === 0 ? '^\\./' : `^(?:\\.\\./){${n}}(?!\\.\\./)`);
  const out = except.map((e) => `${exactly(below)}${escape(e.slice(root.length + 1))}(?:/|$)`);
  for (const [i, at] of ancestors(root).entries()) {
    const into = allowed.filter((p) => inside(p, at)).map((p) => escape(at === '' ? p : p.slice(at.length + 1)));
    out.push(`${exactly(below + i + 1)}(?!(?:${into.join('|')})(?:/|$))`);
  }
  return out;
}

/** Folders deeper than this below a part get no ESLint rule (none is today); the layer test still covers them. */
const MAX_DEPTH = 6;

const layerRules = ({ root, allowed, except = [], bare, message }) =>
  Array.from({ length: MAX_DEPTH + 1 }, (_, below) => ({
    files: [`${root}/${'*/'.repeat(below)}*.{ts,mts,mjs}`],
    ignores: except.map((e) => `${e}/**`),
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: climbsOut(root, below, allowed, except).join('|'), message }, ...(bare ? [{ regex: bare, message }] : [])] },
      ],
    },
  }));

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
  ...LAYERS.flatMap(layerRules),
  prettier,
);
