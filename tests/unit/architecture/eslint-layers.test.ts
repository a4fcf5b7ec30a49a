/**
 * The layer rules as the editor shows them: eslint.config.mjs marks an import that points outward, at
 * every depth of each part, and leaves the inward ones alone. (layers.test.ts reads the tree itself.)
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function refused(file: string, specifier: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, { filePath: file });
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('eslint.config.mjs states the layers', () => {
  it.each([
    // shared/: the pure core
    ['shared/formulas/x.ts', '../../node/release-file', true],
    ['shared/x.ts', '../cli/args', true],
    ['shared/release/deep/x.ts', '../../../functions/src/config', true],
    ['shared/formulas/x.ts', 'node:fs', true],
    ['shared/formulas/x.ts', 'lru-cache', true],
    ['shared/formulas/x.ts', '../excel/args', false],
    ['shared/formulas/x.ts', '../../shared/excel/args', false],
    ['shared/formulas/x.ts', './invoke', false],
    ['shared/api/x.ts', 'zod/mini', false],
    ['shared/importers/x.ts', 'hyparquet', false],
    // node/: the Node adapter
    ['node/x.ts', '../functions/src/config', true],
    ['node/x.ts', '../cli/args', true],
    ['node/x.ts', '../shared/source', false],
    ['node/x.ts', 'node:fs', false],
    // functions/src/: the Functions app
    ['functions/src/http/x.ts', '../../build/build', true],
    ['functions/src/http/x.ts', '../../../cli/args', true],
    ['functions/src/x.ts', '../../addin/client/x', true],
    ['functions/src/http/x.ts', '../../../node/release-file', false],
    ['functions/src/http/x.ts', '../config', false],
    ['functions/src/store/x.ts', '../../src/config', false],
    // cli/
    ['cli/x.ts', '../functions/src/config', true],
    ['cli/x.ts', '../addin/client/x', true],
    ['cli/build/x.ts', '../../functions/src/config', true],
    ['cli/x.ts', '../node/release-file', false],
    ['cli/x.ts', './args', false],
    // addin/ at run time
    ['addin/taskpane/x.ts', '../build/settings.mjs', true],
    ['addin/x.ts', './build/settings.mjs', true],
    ['addin/taskpane/x.ts', '../../node/release-file', true],
    ['addin/taskpane/x.ts', '../../functions/src/config', true],
    ['addin/client/x.ts', 'node:fs', true],
    ['addin/taskpane/x.ts', '../client/http-source', false],
    ['addin/taskpane/x.ts', '../../shared/source', false],
    // addin/build is build-time code, run by Node
    ['addin/build/x.mjs', 'node:fs', false],
    ['addin/build/x.mjs', '../../shared/formulas/index', false],
  ])('%s importing %s: refused %s', async (file, specifier, want) => {
    expect(await refused(file, specifier)).toBe(want);
  });
});
