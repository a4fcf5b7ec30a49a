/**
 * functions.json (generated from the add-in's JSDoc) must say exactly what shared/formulas says, so the
 * autocomplete users see can never drift from what `cic eval` and the cells compute.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../../shared/formulas/index';
import { CUSTOM_FUNCTIONS } from '../../../addin/cells/functions';

interface MetaParam { name: string; description?: string; type?: string; dimensionality?: string; optional?: boolean }
interface MetaFunction { id: string; name: string; description: string; helpUrl?: string; parameters: MetaParam[]; result: { type?: string; dimensionality?: string } }

const { generateCustomFunctionsMetadata } = createRequire(import.meta.url)('custom-functions-metadata') as {
  generateCustomFunctionsMetadata(file: string): Promise<{ metadataJson: string; errors: string[] }>;
};


describe('functions.json', async () => {
  const generated = await generateCustomFunctionsMetadata('addin/cells/functions.ts');
  const meta = generated.metadataJson ? (JSON.parse(generated.metadataJson) as { functions: MetaFunction[] }) : { functions: [] };
  const byId = new Map(meta.functions.map((f) => [f.id, f]));

  it('generates without errors', () => {
    expect(generated.errors).toEqual([]);
  });

  it('declares every CIC function and nothing else, each registered under its id', () => {
    expect([...byId.keys()].sort()).toEqual(FUNCTIONS.map((f) => f.id).sort());
    expect(Object.keys(CUSTOM_FUNCTIONS).sort()).toEqual(FUNCTIONS.map((f) => f.id).sort());
  });

  it.each(FUNCTIONS.map((f) => [f.id, f] as const))('%s matches its shared definition', (id, def) => {
    const f = byId.get(id)!;
    expect(f.name).toBe(id);
    expect(f.description).toBe(def.description);
    expect(f.helpUrl).toBe(`https://localhost:3000/help.html#${id}`);
    expect(f.parameters.map((p) => p.name)).toEqual(def.params.map((p) => p.name));
    def.params.forEach((p, i) => {
      const m = f.parameters[i]!;
      expect(m.description).toBe(p.description);
      expect(m.optional ?? false).toBe(p.optional ?? false);
      expect(m.type ?? 'any').toBe(p.type);
      const matrix = p.dimensionality === 'matrix';
      expect(m.dimensionality ?? 'scalar').toBe(matrix ? 'matrix' : 'scalar');
    });
    expect(f.result.type ?? 'any').toBe(def.result.type);
    expect(f.result.dimensionality ?? 'scalar').toBe(def.result.dimensionality);
  });

  it('adds parameters only at the end and only optional ones (required never follows optional)', () => {
    for (const f of meta.functions) {
      const firstOptional = f.parameters.findIndex((p) => p.optional);
      if (firstOptional >= 0) expect(f.parameters.slice(firstOptional).every((p) => p.optional)).toBe(true);
    }
  });
});
