/**
 * The Benchmark API's wire contract, shared by the Functions app (validates what it sends and receives)
 * and the add-in's client (validates every response before a cell sees it).
 *
 *   GET  /api/releases/current                   → ReleaseInfo (small, ETag; the only thing that changes)
 *   GET  /api/releases/{id}/catalog              → CatalogDto (immutable)
 *   GET  /api/releases/{id}/columns?c=YEAR:KEY…  → ColumnsDto (immutable): what a recalculation reads
 *   GET  /api/distributions/{indicator}?year=&release=  → DistributionDto with n, Q0–Q4 and England, for
 *        clients other than the add-in (which computes those from the columns itself)
 *   POST /api/lookup                             → LookupResponse
 *   GET  /api/revisions/{indicator}?la=&year=&release=  → RevisionsDto (every complete release in the store)
 */
import * as z from 'zod/mini';
import { Catalog } from '../release/catalog';
import { ERROR_CODES } from '../excel/errors';
import { IndicatorSchema, LaSchema, ReleaseIdSchema, ReleaseInfoSchema, ReleaseSchema, UnitCostTypeSchema } from '../release/schema';

/**
 * An indicator as cells need it: what resolves, places and formats a value. The dictionary's long
 * description and source (two thirds of the catalog's bytes) are for the indicators endpoint.
 */
export const CatalogIndicatorSchema = z.omit(IndicatorSchema, { description: true, source: true });

export const CatalogDtoSchema = z.object({
  release: ReleaseInfoSchema,
  indicators: z.array(CatalogIndicatorSchema),
  las: z.array(LaSchema),
  neighbours: ReleaseSchema.shape.neighbours,
  unitCosts: z.array(UnitCostTypeSchema),
  counts: ReleaseSchema.shape.counts,
});
export type CatalogDto = z.infer<typeof CatalogDtoSchema>;

/** Several indicator-years of one release: each column one value per LA, in the catalog's `las` order. */
export const ColumnsDtoSchema = z.object({
  release: z.string(),
  columns: z.array(z.object({ indicator: z.string(), year: z.string(), values: z.array(z.nullable(z.number())) })),
});
export type ColumnsDto = z.infer<typeof ColumnsDtoSchema>;

/** A catalog as the wire carries it, back to the catalog cells compute with. */
export const catalogOfDto = (dto: CatalogDto): Catalog =>
  new Catalog({ ...dto, indicators: dto.indicators.map((i) => ({ ...i, description: '', source: '' })) });

/**
 * One LA's value of an indicator and year in every complete release the service holds, oldest as-of first
 * (null where a release does not publish it). The key, LA number and year label are as resolved against
 * the release asked for (or the current one).
 */
export const RevisionsDtoSchema = z.object({
  indicator: z.string(),
  la: z.int(),
  year: z.string(),
  revisions: z.array(z.object({ release: ReleaseIdSchema, asOf: ReleaseInfoSchema.shape.asOf, value: z.nullable(z.number()) })),
});
export type RevisionsDto = z.infer<typeof RevisionsDtoSchema>;

/** Default cap on items in one lookup (the service's CIC_MAX_LOOKUP_ITEMS; beyond it: 413). */
export const MAX_LOOKUP_ITEMS = 5000;

const Scalar = z.union([z.number(), z.string().check(z.maxLength(1000)), z.boolean(), z.null()]);
/** A range: at most 1000 × 1000 cells. */
const Matrix = z.array(z.array(Scalar).check(z.maxLength(1000))).check(z.maxLength(1000));

/** One cell's call: `{ fn: "QUARTILE", args: ["LACStable_2016on", 7.7, "2025"] }`. */
export const LookupItemSchema = z.strictObject({
  fn: z.string().check(z.minLength(1), z.maxLength(40)),
  args: z._default(z.array(z.union([Scalar, Matrix])).check(z.maxLength(20)), []),
});
export type LookupItem = z.infer<typeof LookupItemSchema>;

/** The envelope, items unchecked: the service caps their number before validating each (errors name the item). */
export const LookupEnvelopeSchema = z.strictObject({
  release: z.optional(ReleaseIdSchema),
  items: z.array(z.unknown()),
});

export const LookupRequestSchema = z.strictObject({
  release: z.optional(ReleaseIdSchema),
  items: z.array(LookupItemSchema).check(z.minLength(1), z.maxLength(MAX_LOOKUP_ITEMS)),
});
export type LookupRequest = z.infer<typeof LookupRequestSchema>;

const CellScalarSchema = z.union([z.number(), z.string(), z.boolean()]);
/** A card (CIC.CARD): Excel's entity value as the definitions build it (shared/formulas/types.ts EntityValue). */
const EntityValueSchema = z.object({
  type: z.literal('Entity'),
  text: z.string(),
  properties: z.record(
    z.string(),
    z.union([
      z.object({ type: z.literal('String'), basicValue: z.string() }),
      z.object({ type: z.literal('Double'), basicValue: z.number(), numberFormat: z.optional(z.string()) }),
      z.object({ type: z.literal('Boolean'), basicValue: z.boolean() }),
    ]),
  ),
  layouts: z.optional(z.unknown()),
  fallback: CellScalarSchema,
});
const CellValueSchema = z.union([CellScalarSchema, z.array(z.array(CellScalarSchema)), EntityValueSchema]);
export const CellErrorDtoSchema = z.object({ code: z.enum(ERROR_CODES as [string, ...string[]]), message: z.string() });

export const LookupResponseSchema = z.object({
  release: z.string(),
  results: z.array(z.union([z.object({ value: CellValueSchema }), z.object({ error: CellErrorDtoSchema })])),
});
export type LookupResponse = z.infer<typeof LookupResponseSchema>;

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
});
export type Problem = z.infer<typeof ProblemSchema>;
