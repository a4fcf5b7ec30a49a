/**
 * functions.json is generated from shared/formulas (one source for every function's metadata). To know it
 * says what Microsoft's own tooling would, the same definitions are written out as the JSDoc that
 * custom-functions-metadata reads, and its output must equal ours, function by function.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionsJson, readmeFunctionTable, withFunctionTable } from '../../../addin/build/functions-json';
import { registerFunctions } from '../../../addin/cells/register';
import { FUNCTIONS } from '../../../shared/formulas/index';
import { type functionsMetadata } from '../../../shared/formulas/metadata';
import type { CicFunctionDef, ParamDef } from '../../../shared/formulas/types';

const { generateCustomFunctionsMetadata } = createRequire(import.meta.url)('custom-functions-metadata') as {
  generateCustomFunctionsMetadata(file: string): Promise<{ metadataJson: string; errors: string[] }>;
};

const BASE = 'https://localhost:3000';

const tsType = (t: ParamDef['type'], matrix: boolean): string => `${t}${matrix ? '[][]' : ''}`;

/** The JSDoc wrapper a developer would have written by hand for one definition. */
function jsdocOf(f: CicFunctionDef): string {
  const params = f.params.map((p) => ` * @param ${p.optional ? `[${p.name}]` : p.name} ${p.description}`);
  const sig = f.params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${tsType(p.type, p.dimensionality === 'matrix')}`).join(', ');
  return [
    '/**',
    ` * ${f.description}`,
    ` * @customfunction ${f.id}`,
    ` * @helpurl ${BASE}/help.html#${f.id}`,
    ...params,
    ' */',
    `export function f_${f.id.toLowerCase()}(${sig}): Promise<${tsType(f.result.type, f.result.dimensionality === 'matrix')}> { throw new Error(); }`,
  ].join('\n');
}

describe('functions.json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cic-jsdoc-'));
  const file = join(dir, 'functions.ts');
  writeFileSync(file, FUNCTIONS.map(jsdocOf).join('\n\n'));
  const microsoft = await generateCustomFunctionsMetadata(file);
  const theirs = new Map((JSON.parse(microsoft.metadataJson || '{"functions":[]}') as { functions: { id: string }[] }).functions.map((f) => [f.id, f]));
  const ours = JSON.parse(functionsJson(BASE)) as ReturnType<typeof functionsMetadata>;

  it("Microsoft's generator accepts every definition as JSDoc", () => expect(microsoft.errors).toEqual([]));

  it.each(ours.functions.map((f) => [f.id, f] as const))('%s is what custom-functions-metadata generates', (id, f) => {
    expect(f).toEqual(theirs.get(id));
  });

  it('declares every definition once, in order, and lets an any result carry an entity (CIC.CARD)', () => {
    expect(ours.functions.map((f) => f.id)).toEqual(FUNCTIONS.map((f) => f.id));
    expect(new Set(ours.functions.map((f) => f.id)).size).toBe(FUNCTIONS.length);
    expect(ours.allowCustomDataForDataTypeAny).toBe(true);
  });

  it('adds parameters only at the end and only optional ones (required never follows optional)', () => {
    for (const f of FUNCTIONS) {
      const firstOptional = f.params.findIndex((p) => p.optional);
      if (firstOptional >= 0)
        expect(
          f.params.slice(firstOptional).every((p) => p.optional),
          f.id,
        ).toBe(true);
    }
  });

  it('the built add-in ships exactly the generated functions.json (skipped before the first build)', () => {
    let built: string;
    try {
      built = readFileSync('dist/addin/functions.json', 'utf8');
    } catch {
      return;
    }
    const base = (JSON.parse(built) as typeof ours).functions[0]!.helpUrl.replace(/\/help\.html#.*$/, '');
    expect(built).toBe(functionsJson(base));
  });
});

describe('registration', () => {
  it('associates every definition with Excel in one loop, each calling its own definition', async () => {
    const associated = new Map<string, (...args: unknown[]) => unknown>();
    const ids = registerFunctions({ associate: (id: string, fn: (...args: unknown[]) => unknown) => void associated.set(id, fn) } as never);
    expect(ids).toEqual(FUNCTIONS.map((f) => f.id));
    expect([...associated.keys()]).toEqual(ids);
    // Workbook-only functions answer without any data source, and without a promise: proof the wrapper
    // reaches the right definition.
    expect(associated.get('CHANGE')!(22.3, 24.6, 'Low')).toBe('Better');
    expect(associated.get('QUARTILEOF')!(4.5, [[1], [2], [3], [4], [5]], 'High')).toBe(1);
  });

  it('does nothing outside Excel (no CustomFunctions global)', () => expect(registerFunctions(undefined)).toEqual([]));
});

describe('README', () => {
  it('its function table is the generated one (run npm run docs after changing a definition)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(readmeFunctionTable());
    expect(withFunctionTable(readme)).toBe(readme);
  });
});
