/** The CIC function set (docs/architecture.md, "Functions"). Ids are stable forever; new parameters are only appended and optional. */
import { BAND, BOUNDARIES, COUNT, INDICATORS, NATIONAL, NEIGHBOURS, POLARITY, POSITION, QUARTILE, RANK, RELEASE, SNAVG, UNITCOST, VALUE } from './benchmark';
import { FORECAST, PLACEMENTCOST, STEPDOWN } from './finance';
import { DEMAND } from './demand';
import type { CicFunctionDef } from './types';
import { CHANGE, QUARTILEOF, RAG } from './workbook';

export const FUNCTIONS: readonly CicFunctionDef[] = [
  QUARTILE, BAND, BOUNDARIES, RANK, COUNT, VALUE, NATIONAL, SNAVG, NEIGHBOURS, POLARITY, CHANGE, RAG,
  INDICATORS, RELEASE, QUARTILEOF, UNITCOST, PLACEMENTCOST, FORECAST, STEPDOWN, POSITION,
  DEMAND,
];

const byId = new Map(FUNCTIONS.map((f) => [f.id, f]));

export const functionById = (id: string): CicFunctionDef | undefined => byId.get(id.toUpperCase());
