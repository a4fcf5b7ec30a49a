/**
 * Placement finance functions: thin wrappers over shared/finance, run entirely in the workbook
 * (PLACEMENTCOST reads the release only when given a placement type instead of a cost).
 */
import { isBlank, scalar } from '../excel/args';
import { naError } from '../excel/errors';
import { FINANCE_FUNCTION_DOCS, forecastCell, placementCostCell, stepDownCell } from '../finance/cells';
import { weeklyUnitCost } from './benchmark';
import type { CicFunctionDef, ParamDef } from './types';

/** Parameters Excel must hand over as ranges (2-D arrays), not single cells. */
const RANGE_PARAMS = new Set(['types', 'children', 'weekly_costs', 'growth', 'inflation', 'step_downs']);

function docsOf(id: string, ranges = false): { description: string; params: ParamDef[] } {
  const doc = FINANCE_FUNCTION_DOCS.find((d) => d.id === id);
  if (!doc) throw naError(`No documentation for ${id}`);
  return {
    description: doc.description,
    params: doc.parameters.map((p) => ({
      name: p.name, description: p.description, type: 'any', optional: p.optional || undefined,
      dimensionality: ranges && RANGE_PARAMS.has(p.name) ? 'matrix' : undefined,
    })),
  };
}

const matrix = { type: 'any', dimensionality: 'matrix' } as const;

const placementDocs = docsOf('PLACEMENTCOST');
export const PLACEMENTCOST: CicFunctionDef = {
  id: 'PLACEMENTCOST',
  description: `${placementDocs.description} Give a placement type (e.g. "Residential") instead of a cost to use the release's unit cost.`,
  params: [
    { ...placementDocs.params[0]!, name: 'weekly_cost_or_type', description: 'Weekly cost of one placement in £, or a placement type such as "Residential" (release unit cost)' },
    ...placementDocs.params.slice(1),
    { name: 'la', type: 'any', optional: true, description: 'With a placement type: the LA whose unit cost to use; default England' },
    { name: 'year', type: 'any', optional: true, description: 'With a placement type: the financial year of the unit cost; default the latest' },
  ],
  result: { type: 'number', dimensionality: 'scalar' },
  needsData: false,
  async run(src, [costOrType, children, weeks, la, year]) {
    const v = scalar(costOrType, 'weekly_cost_or_type');
    const looksLikeType = typeof v === 'string' && !isBlank(v) && !/^\s*£?\s*-?[\d,]*\.?\d+\s*$/.test(v);
    const weekly = looksLikeType ? await weeklyUnitCost(src, v, la, year) : v;
    return placementCostCell(weekly, children, weeks);
  },
};

export const FORECAST: CicFunctionDef = {
  id: 'FORECAST',
  ...docsOf('FORECAST', true),
  result: matrix,
  needsData: false,
  run: (_src, args) => forecastCell(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9]),
};

export const STEPDOWN: CicFunctionDef = {
  id: 'STEPDOWN',
  ...docsOf('STEPDOWN'),
  result: matrix,
  needsData: false,
  run: (_src, args) => stepDownCell(args[0], args[1], args[2], args[3], args[4], args[5], args[6]),
};
