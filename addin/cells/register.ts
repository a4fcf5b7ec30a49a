/**
 * Registers every custom function with Excel, straight from the shared definitions: each id is
 * associated with the one call path `run`. In the shared runtime this runs when the page loads, before
 * Excel evaluates the first CIC cell.
 */
import { FUNCTIONS } from '../../shared/formulas/index';
import { run } from './run';

export function registerFunctions(cf: Pick<typeof CustomFunctions, 'associate'> | undefined = globalThis.CustomFunctions): string[] {
  if (!cf || typeof cf.associate !== 'function') return [];
  for (const def of FUNCTIONS) cf.associate(def.id, (...args: unknown[]) => run(def, args));
  return FUNCTIONS.map((f) => f.id);
}
