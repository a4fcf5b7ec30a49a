/**
 * The Benchmark API's wire contract, shared by the Functions app (validates what it sends and receives)
 * and the add-in's client (validates every response before a cell sees it).
 *
 *   GET  /api/releases/current                   → ReleaseInfo (small, ETag; the only thing that changes)
 *   GET  /api/releases/{id}/catalog              → CatalogDto (immutable)
 *   GET  /api/distributions/{indicator}?year=&release=  → DistributionDto (immutable when release-qualified)
 *   POST /api/lookup                             → LookupResponse
 */
import * as z from 'zod/mini';
import { ERROR_CODES } from '../excel/errors';
import { IndicatorSchema, LaSchema, ReleaseInfoSchema, ReleaseSchema, UnitCostTypeSchema } from '../release/schema';

export const CatalogDtoSchema = z.object({
  release: ReleaseInfoSchema,
  indicators: z.array(IndicatorSchema),
  las: z.array(LaSchema),
  neighbours: ReleaseSchema.shape.neighbours,
  unitCosts: z.array(UnitCostTypeSchema),
});
export type CatalogDto = z.infer<typeof CatalogDtoSchema>;

export const MAX_LOOKUP_ITEMS = 5000;

const CellArg = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.array(z.union([z.number(), z.string(), z.boolean(), z.null()])))]);

export const LookupRequestSchema = z.object({
  release: z.optional(z.string()),
  items: z.array(z.object({ fn: z.string().check(z.minLength(1), z.maxLength(40)), args: z.array(CellArg).check(z.maxLength(12)) }))
    .check(z.minLength(1), z.maxLength(MAX_LOOKUP_ITEMS)),
});
export type LookupRequest = z.infer<typeof LookupRequestSchema>;

const CellValueSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.array(z.union([z.number(), z.string(), z.boolean()])))]);
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
