/**
 * Calls of every CIC function on the default release, as Excel passes them (every declared parameter;
 * null where omitted, matrices for ranges), and the same call written as a formula for `cic eval`.
 * They cover LAs by number, ONS code and name, years as numbers and as labels, spills, and each error kind.
 */
export type Arg = string | number | boolean | null | (string | number)[][];

const LSC = 'LACStable_2016on'; // CLA with 3+ placements: polarity Low, published 2016…2025

export const CASES: [string, Arg[]][] = [
  ['QUARTILE', [LSC, 8, null, null]],
  ['QUARTILE', [LSC, 11, 2024, 'exc']],
  ['QUARTILE', ['Nope', 1, null, null]], // #N/A: unknown indicator
  ['QUARTILE', [LSC, 'abc', null, null]], // #VALUE!: not a number
  ['BAND', ['LAC_LongStable%', 70, '2025', null]],
  ['BAND', ['RTA', 20, '2019-21', 'equal-count']], // a year published as a label
  ['BAND', ['Vacancies_cover', 3, null, null]], // #N/A: LAIT does not band it
  ['BAND', ['PreChildDea', 3, null, null]], // #N/A: no polarity
  ['POSITION', [LSC, 8, null, null]],
  ['BOUNDARIES', [LSC, null, null]], // spills one row
  ['BOUNDARIES', ['Hosp_Adm_Alc_<18yrs', '2021/22-23/24', 'exc']],
  ['BOUNDARIES', [LSC, null, 'nope']], // #VALUE!: unknown method
  ['RANK', [LSC, 10, 2023]],
  ['COUNT', ['KS1P_all', '2025 (prov)']],
  ['COUNT', [LSC, 1999]], // #N/A: no such year
  ['VALUE', [LSC, 855, null]],
  ['VALUE', [LSC, 'E10000018', 2024]],
  ['VALUE', [LSC, 'Leicestershire', '2022']],
  ['VALUE', [LSC, 'Atlantis', null]], // #N/A: unknown LA
  ['NATIONAL', [LSC, null]],
  ['SNAVG', [LSC, 855, null, null, null]],
  ['SNAVG', [LSC, 'Leicestershire', 2024, 'median', '2021']],
  ['NEIGHBOURS', ['E10000018', null]], // spills ten rows of two
  ['NEIGHBOURS', ['Leicestershire', '2021']],
  ['POLARITY', [LSC]],
  ['POLARITY', ['PreChildDea']],
  ['CHANGE', [10, 12, LSC, null]],
  ['CHANGE', [10, 0, null, 0]],
  ['RAG', ['B', 'Better', 0.8]],
  ['RAG', ['B', 'Better', 2]], // #VALUE!: position outside 0…1
  ['INDICATORS', ['stability', null]],
  ['INDICATORS', [null, 'Children Looked After']],
  ['RELEASE', [null]],
  ['RELEASE', ['title']],
  ['QUARTILEOF', [5, [[1], [5], [9], [12]], 'Low', null]],
  ['QUARTILEOF', [5, [[1], [2]], 'Low', 'exc']], // #NUM!: PERCENTILE.EXC cannot interpolate
  ['UNITCOST', ['Residential care', 855, null]],
  ['UNITCOST', ['x', null, null]], // #N/A: unknown placement type
  ['PLACEMENTCOST', ['Residential', 2, null, null, null]],
  ['PLACEMENTCOST', ['Residential', -2, null, null, null]], // #VALUE!
  ['FORECAST', [[['A'], ['B']], [[10], [5]], [[4000], [800]], '2025/26', 3, [[0.05]], [[0.03]], [['A', 'B', 2, '', '2025-10-01']], null, null]],
  ['STEPDOWN', [4100, 800, 3, '2025-10-01', null, null, null]],
  ['CARD', [LSC, 855, null]], // an entity: text and properties
  ['CARD', ['Nope', 855, null]], // #N/A: unknown indicator
  ['CI', [32, 630, null, null, null]], // spills one row: rate, lower, upper
  ['CI', [32, 0, null, null, null]], // #VALUE!: no denominator
  ['COMPAREOF', [32, 630, 8, 'Low', null, null, null]],
  ['SIGCHANGE', [32, 630, 50, 600, LSC, null, null]],
  ['COMPARE', [LSC, 855, 2024, null, null]],
  ['SERIES', [LSC, 855, null, null]], // spills a row per published year
  ['CLAFORECAST', [855, 3, null, null]],
  ['COSTFORECAST', [855, 2, null, null, null, null]],
  [
    'DEMAND',
    [
      [['A'], ['B']],
      [[10], [5]],
      [
        [0, 0.001],
        [0.002, 0],
      ],
      [[0.001], [0.002]],
      [[0.01], [0.005]],
      '2025-04-01',
      2,
      null,
      null,
      null,
    ],
  ],
  ['TREND', [LSC, 855, null, null]], // Fingertips' recent trend, latest five years
  ['TREND', ['CareLeaverEET', 855, null, null]], // #N/A: no counts
  ['REVISIONS', [LSC, 'Leicestershire', 2023]], // spills a header and a row per release publishing it
  ['REVISIONS', [LSC, 928, 2025]], // #N/A: no release publishes it
];

const literal = (a: Arg): string => {
  if (a === null) return '';
  if (Array.isArray(a)) return `{${a.map((row) => row.map((x) => literal(x)).join(',')).join(';')}}`;
  return typeof a === 'string' ? JSON.stringify(a) : String(a);
};

export const formulaOf = (id: string, args: Arg[]): string => `=CIC.${id}(${args.map(literal).join(',')})`;
