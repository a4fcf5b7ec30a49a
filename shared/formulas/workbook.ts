/**
 * Functions that work on the workbook's own numbers: direction of travel, RAG, and banding a value within
 * a range the user selects. None of them sends anything anywhere (CHANGE only reads an indicator's polarity).
 */
import { isBlank, num, numbersOf, optText, rate, scalar, SHARE, type RateRange } from '../excel/args';
import { bandOf, quartileOfBand } from '../benchmark/band';
import { change, parseDirection } from '../benchmark/direction';
import { parsePolarity, type Polarity } from '../benchmark/polarity';
import { boundaries } from '../benchmark/quartile';
import { rag, parseQuartileOrBand } from '../benchmark/rag';
import { naError, valueError } from '../excel/errors';
import type { Indicator } from '../release/schema';
import { indicatorValue } from './indicator-value';
import { parseMethod } from './resolve';
import { PARAM } from './params';
import type { CicFunctionDef } from './types';

/** A polarity word, or an indicator whose polarity to use (and whose scale the values are on). */
export function polarityAndIndicator(src: Parameters<CicFunctionDef['run']>[0], x: unknown): { polarity: Polarity; indicator: Indicator | null } {
  const v = scalar(x, 'polarity');
  if (v === null || v === undefined || v === '') return { polarity: null, indicator: null };
  try {
    return { polarity: parsePolarity(v), indicator: null };
  } catch (notAPolarity) {
    if (typeof v !== 'string') throw notAPolarity;
    const indicator = src.catalog().indicator(v);
    return { polarity: indicator.polarity, indicator };
  }
}

export const polarityArg = (src: Parameters<CicFunctionDef['run']>[0], x: unknown): Polarity => polarityAndIndicator(src, x).polarity;

/** A relative tolerance: 0 (any difference counts) up to, not including, 100%. */
const TOLERANCE: RateRange = { min: 0, max: 1, minIncluded: true };

export const CHANGE: CicFunctionDef = {
  id: 'CHANGE',
  description: 'Direction of travel from previous to current: Better / Worse / Similar under a polarity, Higher / Lower / Same without one',
  params: [
    { name: 'current', type: 'number', description: 'The latest value' },
    { name: 'previous', type: 'number', description: 'The value it is compared with' },
    PARAM.polarityOrIndicator,
    {
      name: 'tolerance',
      type: 'number',
      optional: true,
      description: 'Relative change still counted as Similar: 0.01 (1%, default); 0 = any difference counts',
    },
  ],
  result: { type: 'string', dimensionality: 'scalar' },
  data: 'workbook+release',
  run(src, [current, previous, pol, tolerance]) {
    const { polarity, indicator } = polarityAndIndicator(src, pol);
    // Named for an indicator, both values are on its published scale ("22.3%" is 22.3 points).
    const value = (x: unknown, name: string) => (indicator ? indicatorValue(src, indicator, x, name) : num(x, name));
    return change(
      value(current, 'current'),
      value(previous, 'previous'),
      polarity,
      isBlank(scalar(tolerance, 'tolerance')) ? undefined : rate(tolerance, 'tolerance', TOLERANCE),
    );
  },
};

export const RAG: CicFunctionDef = {
  id: 'RAG',
  description:
    'RAG rating from quartile (or band) and direction of travel, per the committee key: G top quartile or high in the second and improving; R fourth quartile or low in the third and declining; else A',
  params: [
    { name: 'quartile_or_band', type: 'any', description: '1–4 or A–D (1/A = best)' },
    { name: 'change', type: 'string', optional: true, description: 'Direction of travel: Better, Worse, Similar … (e.g. from CIC.CHANGE)' },
    {
      name: 'position',
      type: 'number',
      optional: true,
      description: 'Position in the quartile, 0 = worse edge … 1 = better edge (CIC.POSITION); omitted: the trend alone decides',
    },
  ],
  result: { type: 'string', dimensionality: 'scalar' },
  data: 'workbook',
  run(_src, [q, dir, position]) {
    const d = optText(dir, 'change');
    const pos = isBlank(scalar(position, 'position')) ? null : rate(position, 'position', SHARE);
    return rag(parseQuartileOrBand(scalar(q, 'quartile_or_band')), d === null ? null : parseDirection(d), pos);
  },
};

export const QUARTILEOF: CicFunctionDef = {
  id: 'QUARTILEOF',
  description: 'Quartile (1 = best) of a value within a range of values in the workbook, LAIT method; nothing leaves the workbook',
  params: [
    { name: 'value', type: 'number', description: 'The value to place' },
    { name: 'values', type: 'number', dimensionality: 'matrix', description: 'The range of comparator values (blanks and text ignored)' },
    { name: 'polarity', type: 'string', description: '"High" or "Low": which end is good' },
    { name: 'method', type: 'string', optional: true, description: '"inc" (default), "exc" or "equal-count"' },
  ],
  result: { type: 'number', dimensionality: 'scalar' },
  data: 'workbook',
  run(_src, [value, values, pol, method]) {
    const polarity = parsePolarity(scalar(pol, 'polarity'));
    if (polarity === null) throw valueError('polarity must be "High" or "Low" to rank values into quartiles');
    const sorted = numbersOf(values, 'values').sort((a, b) => a - b);
    if (sorted.length === 0) throw naError('values has no numbers');
    return quartileOfBand(bandOf(num(value, 'value'), boundaries(sorted, parseMethod(method)), polarity));
  },
};
