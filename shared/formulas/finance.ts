/**
 * Placement finance functions: thin wrappers over shared/finance, run entirely in the workbook
 * (PLACEMENTCOST reads the release only when given a placement type instead of a cost).
 */
import { isBlank, scalar } from '../excel/args';
import { forecastCell, placementCostCell, stepDownCell } from '../finance/cells';
import { weeklyUnitCost } from './benchmark';
import type { CicFunctionDef, ParamDef } from './types';

const any = (name: string, description: string, optional = false): ParamDef => ({ name, type: 'any', description, optional: optional || undefined });
/** A parameter Excel hands over as a range (2-D array), not a single cell. */
const range = (name: string, description: string, optional = false): ParamDef => ({ ...any(name, description, optional), dimensionality: 'matrix' });
const BASIS = any('basis', '"weeks52" (default: annual = weekly × 52, as in council cost tables) or "days" (days in the financial year / 7).', true);
const matrix = { type: 'any', dimensionality: 'matrix' } as const;

export const PLACEMENTCOST: CicFunctionDef = {
  id: 'PLACEMENTCOST',
  description:
    'Cost of placements: weekly cost × children × weeks (52 weeks a year if omitted). Give a placement type (e.g. "Residential") instead of a cost to use the release\'s unit cost.',
  params: [
    any('weekly_cost_or_type', 'Weekly cost of one placement in £, or a placement type such as "Residential" (release unit cost)'),
    any('children', 'Number of children in placement (an average may be fractional).'),
    any('weeks', 'Number of weeks; default 52.', true),
    any('la', 'With a placement type: the LA whose unit cost to use; default England', true),
    any('year', 'With a placement type: the financial year of the unit cost; default the latest', true),
  ],
  result: { type: 'number', dimensionality: 'scalar' },
  data: 'workbook+release',
  run(src, [costOrType, children, weeks, la, year]) {
    const v = scalar(costOrType, 'weekly_cost_or_type');
    const looksLikeType = typeof v === 'string' && !isBlank(v) && !/^\s*£?\s*-?[\d,]*\.?\d+\s*$/.test(v);
    const weekly = looksLikeType ? weeklyUnitCost(src, v, la, year) : v;
    return placementCostCell(weekly, children, weeks);
  },
};

export const FORECAST: CicFunctionDef = {
  id: 'FORECAST',
  description:
    'Spills a placement forecast by UK financial year (1 April – 31 March): children by type × weekly cost × weeks, with compound growth, compound inflation and step-downs.',
  params: [
    range('types', 'Placement type names: a row or column.'),
    range('children', 'Children in each type in the first year, aligned with types.'),
    range('weekly_costs', 'Weekly cost of each type in the first year, aligned with types.'),
    any('start_year', 'First financial year, e.g. "2019/20", 2019, or a date in it.'),
    any('years', 'Number of financial years, 1 to 50.'),
    range('growth', 'Annual compound growth in children, e.g. 5%: one rate, or a range aligned with types. Default 0.', true),
    range('inflation', 'Annual compound inflation of weekly costs: one rate, or a range aligned with types. Default 0.', true),
    range(
      'step_downs',
      'Rows of [from type, to type, count, percent, start date]; fill in count or percent. Pro-rata in the year it starts, in full after.',
      true,
    ),
    any('view', '"cost" (default): annual cost by year × type; "children": children by year × type; "long": one row per year and type.', true),
    BASIS,
  ],
  result: matrix,
  data: 'workbook',
  run: (_src, args) => forecastCell(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9]),
};

export const STEPDOWN: CicFunctionDef = {
  id: 'STEPDOWN',
  description: 'Spills the saving per financial year from moving children from a dearer to a cheaper placement from a date (pro-rata in the first year).',
  params: [
    any('from_weekly_cost', 'Weekly cost of the current placement type, e.g. 4100 for external residential.'),
    any('to_weekly_cost', 'Weekly cost of the new placement type, e.g. 800 for IFA.'),
    any('children', 'Number of children moved.'),
    any('start', 'Date the moves take effect.'),
    any('years', 'Number of financial years from the one containing start; default 3.', true),
    any('inflation', 'Annual compound inflation of both weekly costs; default 0.', true),
    BASIS,
  ],
  result: matrix,
  data: 'workbook',
  run: (_src, args) => stepDownCell(args[0], args[1], args[2], args[3], args[4], args[5], args[6]),
};
