/**
 * The council's own demand model in the workbook (the Data to Insight stock-flow method): every input is a
 * cell range, nothing is requested from anywhere.
 */
import { demandCell } from '../demand/cells';
import type { CicFunctionDef, ParamDef } from './types';

const any = (name: string, description: string, optional = false): ParamDef => ({ name, type: 'any', description, optional: optional || undefined });
const range = (name: string, description: string, optional = false): ParamDef => ({ ...any(name, description, optional), dimensionality: 'matrix' });

export const DEMAND: CicFunctionDef = {
  id: 'DEMAND',
  description:
    'Spills a children-in-care forecast by UK financial year from daily stock-flow rates (the Data to Insight demand model): children on 31 March by state, cost, or the total with a ±2σ band.',
  params: [
    range('states', 'State names (e.g. age band × placement type): a column.'),
    range('stock', 'Children in each state on the start date, aligned with states.'),
    range('transitions', 'Square table of daily probabilities of moving from the row state to the column state (the diagonal is ignored).'),
    range('exits', 'Daily probability of leaving care from each state.'),
    range('entrants', 'Expected new entrants to each state per day.'),
    any('start', 'Date the stock is counted on; the forecast runs daily from it.'),
    any('years', 'Number of financial years from the one containing start, 1 to 50.'),
    range('weekly_costs', 'Weekly cost (£) of a child in each state, or one for all; needed for "cost".', true),
    range('inflation', 'Annual inflation of the weekly costs, compounded on each anniversary of start: one rate or one per state. Default 0.', true),
    any('view', '"children" (default): children on 31 March; "cost": £ per financial year; "band": total expected with lower and upper at ±2σ.', true),
  ],
  result: { type: 'any', dimensionality: 'matrix' },
  data: 'workbook',
  run: (_src, a) => demandCell(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]),
};
