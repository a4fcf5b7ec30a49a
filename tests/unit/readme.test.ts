/** The README's function table is what users read first: it must list every function with its current parameters. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/formulas/index';

it('README lists every CIC function with its parameters in order', () => {
  const readme = readFileSync('README.md', 'utf8');
  for (const f of FUNCTIONS) {
    const sig = f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ');
    expect(readme, f.id).toContain(`\`CIC.${f.id}(${sig})\``);
  }
});
