/**
 * The benchmarking functions: where a value stands among all English LAs for an indicator and year,
 * computed LAIT's way (docs/method.md). Each is a thin composition of the pure domain modules.
 */
import { optKey, optText, text } from '../excel/args';
import { naError } from '../excel/errors';
import { bandOf, positionInBand, quartileOfBand } from '../benchmark/band';
import { rankSorted } from '../benchmark/rank';
import { snAverageIn, parseSnStat } from '../benchmark/sn-average';
import { DEFAULT_SN_MODEL } from '../release/catalog';
import { bandablePolarity, boundariesOf, distributionOf, laArg, laValue, parseMethod } from './resolve';
import type { BenchmarkSource } from '../source';
import { indicatorValue } from './indicator-value';
import { PARAM } from './params';
import type { CicFunctionDef, ParamDef } from './types';

const P = {
  indicator: PARAM.indicator,
  value: { name: 'value', type: 'number', description: "The value to place among all English local authorities (e.g. your council's latest figure)" },
  year: PARAM.year,
  method: { name: 'method', type: 'string', optional: true, description: '"inc" (LAIT and QUARTILE.INC, default), "exc" (QUARTILE.EXC) or "equal-count"' },
  la: PARAM.la,
  model: { name: 'model', type: 'string', optional: true, description: 'Statistical-neighbour model: "2025" (default) or "2021"' },
} satisfies Record<string, ParamDef>;

/** What QUARTILE, BAND and POSITION share: the value placed among the indicator's boundaries under its polarity. */
function place<T>(
  src: BenchmarkSource,
  ind: unknown,
  value: unknown,
  year: unknown,
  method: unknown,
  by: (v: number, b: ReturnType<typeof boundariesOf>, p: 'High' | 'Low') => T,
): T {
  const dist = distributionOf(src, ind, year);
  const polarity = bandablePolarity(dist.indicator);
  const boundaries = boundariesOf(dist, parseMethod(method));
  return by(indicatorValue(src, dist.indicator, value, 'value'), boundaries, polarity);
}

const quartileOf = (v: number, b: ReturnType<typeof boundariesOf>, p: 'High' | 'Low') => quartileOfBand(bandOf(v, b, p));

const scalarOf = (type: 'number' | 'string') => ({ type, dimensionality: 'scalar' }) as const;

export const QUARTILE: CicFunctionDef = {
  id: 'QUARTILE',
  description: 'Quartile (1 = best, 4 = worst) of a value among all English local authorities, LAIT method',
  params: [P.indicator, P.value, P.year, P.method],
  result: scalarOf('number'),
  data: 'release',
  run(src, [ind, value, year, method]) {
    return place(src, ind, value, year, method, quartileOf);
  },
};

export const BAND: CicFunctionDef = {
  id: 'BAND',
  description: 'Quartile band A (best) to D (worst) of a value among all English local authorities, LAIT method',
  params: [P.indicator, P.value, P.year, P.method],
  result: scalarOf('string'),
  data: 'release',
  run(src, [ind, value, year, method]) {
    return place(src, ind, value, year, method, bandOf);
  },
};

export const POSITION: CicFunctionDef = {
  id: 'POSITION',
  description: "Where a value sits inside its quartile band: 0 = the band's worse edge, 1 = its better edge (for CIC.RAG)",
  params: [P.indicator, P.value, P.year, P.method],
  result: scalarOf('number'),
  data: 'release',
  run(src, [ind, value, year, method]) {
    return place(src, ind, value, year, method, positionInBand);
  },
};

export const BOUNDARIES: CicFunctionDef = {
  id: 'BOUNDARIES',
  description: 'Quartile boundaries Q0 (minimum) to Q4 (maximum) across all English local authorities; spills one row of five',
  params: [P.indicator, P.year, P.method],
  result: { type: 'number', dimensionality: 'matrix' },
  data: 'release',
  run(src, [ind, year, method]) {
    const dist = distributionOf(src, ind, year);
    return [[...boundariesOf(dist, parseMethod(method))]];
  },
};

export const RANK: CicFunctionDef = {
  id: 'RANK',
  description: 'National rank of a value among English local authorities (1 = best; ties share the lowest rank)',
  params: [P.indicator, P.value, P.year],
  result: scalarOf('number'),
  data: 'release',
  run(src, [ind, value, year]) {
    const dist = distributionOf(src, ind, year);
    const indicator = dist.indicator;
    if (indicator.polarity === null) throw naError(`${indicator.key} has no polarity, so LAIT gives it no rank`);
    if (dist.sorted.length === 0) throw naError(`${indicator.key} ${dist.year}: no local authority has a value`);
    return rankSorted(indicatorValue(src, indicator, value, 'value'), dist.sorted, indicator.polarity);
  },
};

export const COUNT: CicFunctionDef = {
  id: 'COUNT',
  description: 'Number of English local authorities with a published value (the n that quartiles and ranks are out of)',
  params: [P.indicator, P.year],
  result: scalarOf('number'),
  data: 'release',
  run(src, [ind, year]) {
    return distributionOf(src, ind, year).sorted.length;
  },
};

export const VALUE: CicFunctionDef = {
  id: 'VALUE',
  description: "A local authority's published value for an indicator and year",
  params: [P.indicator, P.la, P.year],
  result: scalarOf('number'),
  data: 'release',
  run(src, [ind, la, year]) {
    const dist = distributionOf(src, ind, year);
    const catalog = src.catalog();
    const l = laArg(catalog, la);
    return laValue(dist, l.number, l.name, catalog);
  },
};

export const NATIONAL: CicFunctionDef = {
  id: 'NATIONAL',
  description: 'The England value of an indicator for a year',
  params: [P.indicator, P.year],
  result: scalarOf('number'),
  data: 'release',
  run(src, [ind, year]) {
    const dist = distributionOf(src, ind, year);
    if (dist.england === null) throw naError(`${dist.indicator.key} ${dist.year}: no England value is published`);
    return dist.england;
  },
};

export const SNAVG: CicFunctionDef = {
  id: 'SNAVG',
  description: "Average of a local authority's 10 statistical neighbours' values (the LA itself excluded)",
  params: [P.indicator, P.la, P.year, { name: 'stat', type: 'string', optional: true, description: '"mean" (default) or "median"' }, P.model],
  result: scalarOf('number'),
  data: 'release',
  run(src, [ind, la, year, stat, model]) {
    const dist = distributionOf(src, ind, year);
    const catalog = src.catalog();
    const group = catalog.neighboursOf(laArg(catalog, la), String(optKey(model, 'model') ?? DEFAULT_SN_MODEL));
    return snAverageIn(group, dist.byLa, parseSnStat(stat));
  },
};

export const NEIGHBOURS: CicFunctionDef = {
  id: 'NEIGHBOURS',
  description: "A local authority's 10 statistical neighbours, closest first; spills LA number and name",
  params: [P.la, P.model],
  result: { type: 'any', dimensionality: 'matrix' },
  data: 'release',
  run(src, [la, model]) {
    const catalog = src.catalog();
    const group = catalog.neighboursOf(laArg(catalog, la), String(optKey(model, 'model') ?? DEFAULT_SN_MODEL));
    return group.map((n) => [n, catalog.laByNumberOrNull(n)?.name ?? '']);
  },
};

export const POLARITY: CicFunctionDef = {
  id: 'POLARITY',
  description: 'Whether a high or a low value is good for an indicator: "High", "Low" or "None"',
  params: [P.indicator],
  result: scalarOf('string'),
  data: 'release',
  run(src, [ind]) {
    return src.catalog().indicator(text(ind, 'indicator')).polarity ?? 'None';
  },
};

export const INDICATORS: CicFunctionDef = {
  id: 'INDICATORS',
  description: 'Lists indicators whose key, name, topic or alias contains every word of the search; spills a table with a header row',
  params: [
    { name: 'search', type: 'string', optional: true, description: 'Words to look for, e.g. "placement stability"; blank lists all' },
    { name: 'topic', type: 'string', optional: true, description: 'Only this LAIT topic, e.g. "Children Looked After"' },
  ],
  result: { type: 'any', dimensionality: 'matrix' },
  data: 'release',
  run(src, [search, topic]) {
    const found = src.catalog().searchIndicators(optText(search, 'search'), optText(topic, 'topic'));
    if (found.length === 0) throw naError(`No indicator matches "${optText(search, 'search') ?? ''}"`);
    return [
      ['Key', 'Indicator', 'Topic', 'Polarity', 'Unit', 'Latest year'],
      ...found.map((i) => [i.key, i.name, i.topic, i.polarity ?? 'None', i.unit, i.years[i.years.length - 1] ?? '']),
    ];
  },
};

export const RELEASE: CicFunctionDef = {
  id: 'RELEASE',
  description: 'The benchmark release these results come from: its id, or another field',
  params: [{ name: 'field', type: 'string', optional: true, description: '"id" (default), "title", "asof", "hash" or "attribution"' }],
  result: scalarOf('string'),
  data: 'release',
  run(src, [field]) {
    const info = src.catalog().release;
    const f = optText(field, 'field')?.toLowerCase() ?? 'id';
    const fields: Record<string, string> = { id: info.id, title: info.title, asof: info.asOf, hash: info.contentHash, attribution: info.attribution };
    const v = fields[f];
    if (v === undefined) throw naError(`Unknown release field "${f}"; use id, title, asof, hash or attribution`);
    return v;
  },
};

export const UNITCOST: CicFunctionDef = {
  id: 'UNITCOST',
  description: 'Weekly unit cost (£ per child per week) of a placement type from the DfE/MHCLG outturn data, for England or an LA',
  params: [
    { name: 'type', type: 'string', description: '"Children looked after", "Fostering", "Residential" …; see the release\'s unit-cost types' },
    { name: 'la', type: 'any', optional: true, description: 'Local authority; default England' },
    P.year,
  ],
  result: scalarOf('number'),
  data: 'release',
  run(src, [type, la, year]) {
    return weeklyUnitCost(src, type, la, year);
  },
};

/** Also used by PLACEMENTCOST when given a placement type instead of a cost. */
export function weeklyUnitCost(src: BenchmarkSource, type: unknown, la: unknown, year: unknown): number {
  const catalog = src.catalog();
  const unit = catalog.unitCostType(type);
  const dist = distributionOf(src, unit.measure, year);
  if (optKey(la, 'la') === null) {
    if (dist.england === null) throw naError(`${unit.measure} ${dist.year}: no England value`);
    return dist.england;
  }
  const l = laArg(catalog, la);
  return laValue(dist, l.number, l.name, catalog);
}
