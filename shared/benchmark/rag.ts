/**
 * RAG from quartile (1 = best), direction of travel and position in the band. The seeds' key:
 *   G = "Top quartile of local authorities or high in second quartile with improving trend"
 *   A = "Second or third quartile with room for improvement"
 *   R = "Fourth quartile or low in the third quartile with a declining trend"
 * Rules: quartile 1 → G; 4 → R; 2 → G if Better and high (position ≥ 0.5), else A;
 * 3 → R if Worse and low (position < 0.5), else A. Position is `positionInBand` (0 = worse edge,
 * 1 = better edge). Omitting it (null/undefined) lets the trend alone decide. Only Better is
 * "improving" and only Worse "declining"; Similar/Higher/Lower/Same/null are neither.
 */
import { valueError } from '../excel/errors';
import { choice } from '../excel/args';
import type { Direction } from './direction';

export type Rag = 'G' | 'A' | 'R';

export function rag(quartile: 1 | 2 | 3 | 4, direction: Direction | null, position?: number | null): Rag {
  const q = parseQuartileOrBand(quartile);
  const hasPos = position !== null && position !== undefined;
  if (hasPos && !(position >= 0 && position <= 1)) throw valueError(`Position must be between 0 and 1, not ${position}`);
  if (q === 1) return 'G';
  if (q === 4) return 'R';
  if (q === 2) return direction === 'Better' && (!hasPos || position >= 0.5) ? 'G' : 'A';
  return direction === 'Worse' && (!hasPos || position < 0.5) ? 'R' : 'A';
}

const BAND_Q: Record<string, '1' | '2' | '3' | '4'> = { a: '1', b: '2', c: '3', d: '4', 1: '1', 2: '2', 3: '3', 4: '4' };

/** 1–4 (number or numeric text) or band letter A–D (any case) → quartile 1–4; else #VALUE!. */
export const parseQuartileOrBand = (x: unknown): 1 | 2 | 3 | 4 => Number(choice(x, 'quartile_or_band', BAND_Q, null)) as 1 | 2 | 3 | 4;
