/**
 * The CIC custom functions as Excel sees them. custom-functions-metadata reads this JSDoc to generate
 * functions.json at build time; every body is the same one line into `run`, which calls the shared
 * definition exactly as `cic eval` does. Descriptions mirror shared/formulas (a unit test keeps them equal).
 * Ids and parameters are stable forever: add parameters only at the end, and only optional ones.
 */
import { run } from './run';

/**
 * Quartile (1 = best, 4 = worst) of a value among all English local authorities, LAIT method
 * @customfunction QUARTILE
 * @helpurl https://localhost:3000/help.html#QUARTILE
 * @param indicator LAIT measure key such as "LACStable_2016on", or an alias; see =CIC.INDICATORS()
 * @param value The value to place among all English local authorities (e.g. your council's latest figure)
 * @param [year] Year as published, e.g. 2025 or "2024-25"; default: the latest
 * @param [method] "inc" (LAIT and QUARTILE.INC, default), "exc" (QUARTILE.EXC) or "equal-count"
 * @returns One value
 */
export function quartile(indicator: string, value: number, year?: any, method?: string): Promise<number> {
  return run('QUARTILE', [indicator, value, year, method]);
}

/**
 * Quartile band A (best) to D (worst) of a value among all English local authorities, LAIT method
 * @customfunction BAND
 * @helpurl https://localhost:3000/help.html#BAND
 * @param indicator LAIT measure key such as "LACStable_2016on", or an alias; see =CIC.INDICATORS()
 * @param value The value to place among all English local authorities (e.g. your council's latest figure)
 * @param [year] Year as published, e.g. 2025 or "2024-25"; default: the latest
 * @param [method] "inc" (LAIT and QUARTILE.INC, default), "exc" (QUARTILE.EXC) or "equal-count"
 * @returns One value
 */
export function band(indicator: string, value: number, year?: any, method?: string): Promise<string> {
  return run('BAND', [indicator, value, year, method]);
}

/**
 * Quartile boundaries Q0 (minimum) to Q4 (maximum) across all English local authorities; spills one row of five
 * @customfunction BOUNDARIES
 * @helpurl https://localhost:3000/help.html#BOUNDARIES
 * @param indicator LAIT measure key such as "LACStable_2016on", or an alias; see =CIC.INDICATORS()
 * @param [year] Year as published, e.g. 2025 or "2024-25"; default: the latest
 * @param [method] "inc" (LAIT and QUARTILE.INC, default), "exc" (QUARTILE.EXC) or "equal-count"
 * @returns A spilled table
 */
export function boundaries(indicator: string, year?: any, method?: string): Promise<number[][]> {
  return run('BOUNDARIES', [indicator, year, method]);
}

/**
 * National rank of a value among English local authorities (1 = best; ties share the lowest rank)
 * @customfunction RANK
 * @helpurl https://localhost:3000/help.html#RANK
 * @param indicator LAIT measure key such as "LACStable_2016on", or an alias; see =CIC.INDICATORS()
 * @param value The value to place among all English local authorities (e.g. your council's latest figure)
 * @param [year] Year as published, e.g. 2025 or "2024-25"; default: the latest
 * @returns One value
 */
export function rank(indicator: string, value: number, year?: any): Promise<number> {
  return run('RANK', [indicator, value, year]);
}

/**
 * Number of English local authorities with a published value (the n that quartiles and ranks are out of)
 * @customfunction COUNT
 * @helpurl https://localhost:3000/help.html#COUNT
 * @param indicator LAIT measure key such as "LACStable_2016on", or an alias; see =CIC.INDICATORS()
 * @param [year] Year as published, e.g. 2025 or "2024-25"; default: the latest
 * @returns One value
 */
export function count(indicator: string, year?: any): Promise<number> {
  return run('COUNT', [indicator, year]);
}

/**
 * A local authority's published value for an indicator and year
 * @customfunction VALUE
 * @helpurl https://localhost:3000/help.html#VALUE
 * @param indicator LAIT measure key such as "LACStable_2016on", or an alias; see =CIC.INDICATORS()
 * @param la Local authority: DfE number (855), ONS code (E10000018) or name
 * @param [year] Year as published, e.g. 2025 or "2024-25"; default: the latest
 * @returns One value
 */
export function value(indicator: string, la: any, year?: any): Promise<number> {
  return run('VALUE', [indicator, la, year]);
}

/**
 * The England value of an indicator for a year
 * @customfunction NATIONAL
 * @helpurl https://localhost:3000/help.html#NATIONAL
 * @param indicator LAIT measure key such as "LACStable_2016on", or an alias; see =CIC.INDICATORS()
 * @param [year] Year as published, e.g. 2025 or "2024-25"; default: the latest
 * @returns One value
 */
export function national(indicator: string, year?: any): Promise<number> {
  return run('NATIONAL', [indicator, year]);
}

/**
 * Average of a local authority's 10 statistical neighbours' values (the LA itself excluded)
 * @customfunction SNAVG
 * @helpurl https://localhost:3000/help.html#SNAVG
 * @param indicator LAIT measure key such as "LACStable_2016on", or an alias; see =CIC.INDICATORS()
 * @param la Local authority: DfE number (855), ONS code (E10000018) or name
 * @param [year] Year as published, e.g. 2025 or "2024-25"; default: the latest
 * @param [stat] "mean" (default) or "median"
 * @param [model] Statistical-neighbour model: "2025" (default) or "2021"
 * @returns One value
 */
export function snAverage(indicator: string, la: any, year?: any, stat?: string, model?: string): Promise<number> {
  return run('SNAVG', [indicator, la, year, stat, model]);
}

/**
 * A local authority's 10 statistical neighbours, closest first; spills LA number and name
 * @customfunction NEIGHBOURS
 * @helpurl https://localhost:3000/help.html#NEIGHBOURS
 * @param la Local authority: DfE number (855), ONS code (E10000018) or name
 * @param [model] Statistical-neighbour model: "2025" (default) or "2021"
 * @returns A spilled table
 */
export function neighbours(la: any, model?: string): Promise<any[][]> {
  return run('NEIGHBOURS', [la, model]);
}

/**
 * Whether a high or a low value is good for an indicator: "High", "Low" or "None"
 * @customfunction POLARITY
 * @helpurl https://localhost:3000/help.html#POLARITY
 * @param indicator LAIT measure key such as "LACStable_2016on", or an alias; see =CIC.INDICATORS()
 * @returns One value
 */
export function polarity(indicator: string): Promise<string> {
  return run('POLARITY', [indicator]);
}

/**
 * Direction of travel from previous to current: Better / Worse / Similar under a polarity, Higher / Lower / Same without one
 * @customfunction CHANGE
 * @helpurl https://localhost:3000/help.html#CHANGE
 * @param current The latest value
 * @param previous The value it is compared with
 * @param [polarity_or_indicator] "High", "Low", blank for none, or an indicator key whose polarity to use
 * @param [tolerance] Relative change still counted as Similar: 0.01 (1%, default); 0 = any difference counts
 * @returns One value
 */
export function change(current: number, previous: number, polarity_or_indicator?: string, tolerance?: number): Promise<string> {
  return run('CHANGE', [current, previous, polarity_or_indicator, tolerance]);
}

/**
 * RAG rating from quartile (or band) and direction of travel, per the committee key: G top quartile or high in the second and improving; R fourth quartile or low in the third and declining; else A
 * @customfunction RAG
 * @helpurl https://localhost:3000/help.html#RAG
 * @param quartile_or_band 1–4 or A–D (1/A = best)
 * @param [change] Direction of travel: Better, Worse, Similar … (e.g. from CIC.CHANGE)
 * @param [position] Position in the quartile, 0 = worse edge … 1 = better edge (CIC.POSITION); omitted: the trend alone decides
 * @returns One value
 */
export function rag(quartile_or_band: any, change?: string, position?: number): Promise<string> {
  return run('RAG', [quartile_or_band, change, position]);
}

/**
 * Lists indicators whose key, name, topic or alias contains every word of the search; spills a table with a header row
 * @customfunction INDICATORS
 * @helpurl https://localhost:3000/help.html#INDICATORS
 * @param [search] Words to look for, e.g. "placement stability"; blank lists all
 * @param [topic] Only this LAIT topic, e.g. "Children Looked After"
 * @returns A spilled table
 */
export function indicators(search?: string, topic?: string): Promise<any[][]> {
  return run('INDICATORS', [search, topic]);
}

/**
 * The benchmark release these results come from: its id, or another field
 * @customfunction RELEASE
 * @helpurl https://localhost:3000/help.html#RELEASE
 * @param [field] "id" (default), "title", "asof", "hash" or "attribution"
 * @returns One value
 */
export function release(field?: string): Promise<string> {
  return run('RELEASE', [field]);
}

/**
 * Quartile (1 = best) of a value within a range of values in the workbook, LAIT method; nothing leaves the workbook
 * @customfunction QUARTILEOF
 * @helpurl https://localhost:3000/help.html#QUARTILEOF
 * @param value The value to place
 * @param values The range of comparator values (blanks and text ignored)
 * @param polarity "High" or "Low": which end is good
 * @param [method] "inc" (default), "exc" or "equal-count"
 * @returns One value
 */
export function quartileOf(value: number, values: number[][], polarity: string, method?: string): Promise<number> {
  return run('QUARTILEOF', [value, values, polarity, method]);
}

/**
 * Weekly unit cost (£ per child per week) of a placement type from the DfE/MHCLG outturn data, for England or an LA
 * @customfunction UNITCOST
 * @helpurl https://localhost:3000/help.html#UNITCOST
 * @param type "Children looked after", "Fostering", "Residential" …; see the release's unit-cost types
 * @param [la] Local authority; default England
 * @param [year] Year as published, e.g. 2025 or "2024-25"; default: the latest
 * @returns One value
 */
export function unitCost(type: string, la?: any, year?: any): Promise<number> {
  return run('UNITCOST', [type, la, year]);
}

/**
 * Cost of placements: weekly cost × children × weeks (52 weeks a year if omitted). Give a placement type (e.g. "Residential") instead of a cost to use the release's unit cost.
 * @customfunction PLACEMENTCOST
 * @helpurl https://localhost:3000/help.html#PLACEMENTCOST
 * @param weekly_cost_or_type Weekly cost of one placement in £, or a placement type such as "Residential" (release unit cost)
 * @param children Number of children in placement (an average may be fractional).
 * @param [weeks] Number of weeks; default 52.
 * @param [la] With a placement type: the LA whose unit cost to use; default England
 * @param [year] With a placement type: the financial year of the unit cost; default the latest
 * @returns One value
 */
export function placementCost(weekly_cost_or_type: any, children: any, weeks?: any, la?: any, year?: any): Promise<number> {
  return run('PLACEMENTCOST', [weekly_cost_or_type, children, weeks, la, year]);
}

/**
 * Spills a placement forecast by UK financial year (1 April – 31 March): children by type × weekly cost × weeks, with compound growth, compound inflation and step-downs.
 * @customfunction FORECAST
 * @helpurl https://localhost:3000/help.html#FORECAST
 * @param types Placement type names: a row or column.
 * @param children Children in each type in the first year, aligned with types.
 * @param weekly_costs Weekly cost of each type in the first year, aligned with types.
 * @param start_year First financial year, e.g. "2019/20", 2019, or a date in it.
 * @param years Number of financial years, 1 to 50.
 * @param [growth] Annual compound growth in children, e.g. 5%: one rate, or a range aligned with types. Default 0.
 * @param [inflation] Annual compound inflation of weekly costs: one rate, or a range aligned with types. Default 0.
 * @param [step_downs] Rows of [from type, to type, count, percent, start date]; fill in count or percent. Pro-rata in the year it starts, in full after.
 * @param [view] "cost" (default): annual cost by year × type; "children": children by year × type; "long": one row per year and type.
 * @param [basis] "weeks52" (default: annual = weekly × 52, as in council cost tables) or "days" (days in the financial year / 7).
 * @returns A spilled table
 */
export function forecast(types: any[][], children: any[][], weekly_costs: any[][], start_year: any, years: any, growth?: any[][], inflation?: any[][], step_downs?: any[][], view?: any, basis?: any): Promise<any[][]> {
  return run('FORECAST', [types, children, weekly_costs, start_year, years, growth, inflation, step_downs, view, basis]);
}

/**
 * Spills the saving per financial year from moving children from a dearer to a cheaper placement from a date (pro-rata in the first year).
 * @customfunction STEPDOWN
 * @helpurl https://localhost:3000/help.html#STEPDOWN
 * @param from_weekly_cost Weekly cost of the current placement type, e.g. 4100 for external residential.
 * @param to_weekly_cost Weekly cost of the new placement type, e.g. 800 for IFA.
 * @param children Number of children moved.
 * @param start Date the moves take effect.
 * @param [years] Number of financial years from the one containing start; default 3.
 * @param [inflation] Annual compound inflation of both weekly costs; default 0.
 * @param [basis] "weeks52" (default: annual = weekly × 52, as in council cost tables) or "days" (days in the financial year / 7).
 * @returns A spilled table
 */
export function stepDown(from_weekly_cost: any, to_weekly_cost: any, children: any, start: any, years?: any, inflation?: any, basis?: any): Promise<any[][]> {
  return run('STEPDOWN', [from_weekly_cost, to_weekly_cost, children, start, years, inflation, basis]);
}

/**
 * Where a value sits inside its quartile band: 0 = the band's worse edge, 1 = its better edge (for CIC.RAG)
 * @customfunction POSITION
 * @helpurl https://localhost:3000/help.html#POSITION
 * @param indicator LAIT measure key such as "LACStable_2016on", or an alias; see =CIC.INDICATORS()
 * @param value The value to place among all English local authorities (e.g. your council's latest figure)
 * @param [year] Year as published, e.g. 2025 or "2024-25"; default: the latest
 * @param [method] "inc" (LAIT and QUARTILE.INC, default), "exc" (QUARTILE.EXC) or "equal-count"
 * @returns One value
 */
export function position(indicator: string, value: number, year?: any, method?: string): Promise<number> {
  return run('POSITION', [indicator, value, year, method]);
}

/** Every function above by id, for CustomFunctions.associate. */
export const CUSTOM_FUNCTIONS = {
  QUARTILE: quartile,
  BAND: band,
  BOUNDARIES: boundaries,
  RANK: rank,
  COUNT: count,
  VALUE: value,
  NATIONAL: national,
  SNAVG: snAverage,
  NEIGHBOURS: neighbours,
  POLARITY: polarity,
  CHANGE: change,
  RAG: rag,
  INDICATORS: indicators,
  RELEASE: release,
  QUARTILEOF: quartileOf,
  UNITCOST: unitCost,
  PLACEMENTCOST: placementCost,
  FORECAST: forecast,
  STEPDOWN: stepDown,
  POSITION: position,
} as const;
