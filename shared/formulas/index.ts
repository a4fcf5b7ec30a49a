/** The CIC function set (docs/architecture.md, "One source for each fact"). Ids are stable forever; new parameters are only appended and optional. */
import { BAND, BOUNDARIES, COUNT, INDICATORS, NATIONAL, NEIGHBOURS, POLARITY, POSITION, QUARTILE, RANK, RELEASE, SNAVG, UNITCOST, VALUE } from './benchmark';
import { FORECAST, PLACEMENTCOST, STEPDOWN } from './finance';
import { CARD } from './card';
import { COMPARE, SERIES } from './compare';
import { CI, COMPAREOF, SIGCHANGE } from './statistics';
import { DEMAND } from './demand';
import { CLAFORECAST, COSTFORECAST } from './forecast-cla';
import { REVISIONS } from './revisions';
import { TREND } from './trend';
import type { CicFunctionDef } from './types';
import { CHANGE, QUARTILEOF, RAG } from './workbook';

export const FUNCTIONS: readonly CicFunctionDef[] = [
  QUARTILE,
  BAND,
  BOUNDARIES,
  RANK,
  COUNT,
  VALUE,
  NATIONAL,
  SNAVG,
  NEIGHBOURS,
  POLARITY,
  CHANGE,
  RAG,
  INDICATORS,
  RELEASE,
  QUARTILEOF,
  UNITCOST,
  PLACEMENTCOST,
  FORECAST,
  STEPDOWN,
  POSITION,
  DEMAND,
  CARD,
  CI,
  COMPARE,
  COMPAREOF,
  SIGCHANGE,
  SERIES,
  CLAFORECAST,
  COSTFORECAST,
  TREND,
  REVISIONS,
];

const byId = new Map(FUNCTIONS.map((f) => [f.id, f]));

export const functionById = (id: string): CicFunctionDef | undefined => byId.get(id) ?? byId.get(id.toUpperCase());
