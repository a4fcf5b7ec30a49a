/**
 * The CIC function set as data: id, documentation and implementation. The add-in's cells, `cic eval`
 * and the API's batch lookup all call `invoke` on these same definitions (one code path).
 */
import type { CellError } from '../excel/errors';
import type { BenchmarkSource } from '../source';

export type CellScalar = number | string | boolean;
export type CellMatrix = CellScalar[][];

/** One property of an entity value, in Excel's data-type JSON (a Double may carry a number format). */
export type EntityProperty =
  { type: 'String'; basicValue: string } | { type: 'Double'; basicValue: number; numberFormat?: string } | { type: 'Boolean'; basicValue: boolean };

/**
 * An Excel entity value (a data-type card), as custom functions return it where the host supports data
 * types (CustomFunctionsRuntime 1.4); elsewhere the add-in shows `fallback` instead.
 */
export interface EntityValue {
  type: 'Entity';
  text: string;
  properties: Record<string, EntityProperty>;
  layouts?: { card?: { title?: { property: string }; sections?: { layout: 'List'; title?: string; properties: string[] }[] } };
  /** What a host without data types shows: a plain cell value. Not sent to Excel. */
  fallback: CellScalar;
}

export type CellValue = CellScalar | CellMatrix | EntityValue;
export type CellOutcome = CellValue | CellError;

export interface ParamDef {
  name: string;
  description: string;
  type: 'number' | 'string' | 'boolean' | 'any';
  /** 'matrix' for ranges and array constants. */
  dimensionality?: 'scalar' | 'matrix';
  optional?: boolean;
}

export interface CicFunctionDef {
  /** Stable forever: workbooks store `CIC.<id>`. */
  id: string;
  description: string;
  params: ParamDef[];
  result: { type: 'number' | 'string' | 'boolean' | 'any'; dimensionality: 'scalar' | 'matrix' };
  /**
   * What the function reads. 'release': benchmark data alone, so the service answers it too (POST lookup).
   * 'workbook': the workbook's own figures alone; no request ever leaves. 'workbook+release': the
   * workbook's own figures, and the release for one argument when that names an indicator or a placement
   * type (its polarity, its unit cost). Both workbook kinds run only in the workbook: the service refuses
   * them, since their arguments are the council's own figures.
   */
  data: 'release' | 'workbook' | 'workbook+release';
  /**
   * Arguments arrive as Excel passes them: omitted optionals are null, ranges are 2-D arrays. Plain
   * synchronous code: the source answers from memory or throws Pending, and `invoke` runs it again once
   * the data has arrived.
   */
  run(src: BenchmarkSource, args: readonly unknown[]): CellValue;
}
