/**
 * Registers every custom function with Excel. In the shared runtime this runs when the page loads,
 * before Excel evaluates the first CIC cell.
 */
import { CUSTOM_FUNCTIONS } from './functions';

export function registerFunctions(cf: Pick<typeof CustomFunctions, 'associate'> | undefined = globalThis.CustomFunctions): string[] {
  if (!cf || typeof cf.associate !== 'function') return [];
  for (const [id, fn] of Object.entries(CUSTOM_FUNCTIONS)) cf.associate(id, fn);
  return Object.keys(CUSTOM_FUNCTIONS);
}
