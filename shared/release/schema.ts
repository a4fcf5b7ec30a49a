/**
 * The release: one immutable, versioned bundle of benchmark data. Every surface (importer, store, API,
 * add-in cache, `cic`) speaks this one shape, validated with zod wherever it crosses a boundary.
 *
 * Values are columnar: for each indicator and year, one array aligned with `las` (null = missing:
 * DfE's `-`, `c`, `z`, `x`, `..`, `low`, `k` and blanks). That keeps the committed default release small
 * and lets a distribution be sliced without a scan.
 */
// zod/mini: these schemas ship in the add-in bundle, where classic zod would add ~450 KB (mini: ~25 KB).
import * as z from 'zod/mini';

export const SCHEMA_VERSION = 1 as const;

export const PolaritySchema = z.nullable(z.enum(['High', 'Low']));

export const IndicatorSchema = z.object({
  /** LAIT's measure key (`Short Desc` / `Measure_short`), e.g. `LACStable_2016on`. */
  key: z.string().check(z.minLength(1)),
  name: z.string(),
  topic: z.string(),
  /** LAIT's y-axis name, e.g. "% of children" or "£ per week". */
  unit: z.string(),
  /** Decimal places LAIT publishes the measure to; null where the dictionary says NA. */
  dps: z.nullable(z.int().check(z.minimum(0), z.maximum(10))),
  polarity: PolaritySchema,
  /** LAIT shows no quartile band for this measure (`No_Quartile = N`). */
  noQuartile: z.boolean(),
  yearType: z.string(),
  description: z.string(),
  source: z.string(),
  /** Friendly names accepted besides the key, lower-case. */
  aliases: z.array(z.string()),
  /** Year labels exactly as published, oldest first; the last is the latest. */
  years: z.array(z.string()).check(z.minLength(1)),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const LaKindSchema = z.enum(['la', 'england', 'region']);
export const LaSchema = z.object({
  /** DfE 3-digit LA number; England 970; regions 980–990 (LAIT's own numbers). */
  number: z.int().check(z.minimum(100), z.maximum(999)),
  /** ONS 9-character code (E06…, E08…, E09…, E10…, E12… for regions, E92000001 England); null when unknown. */
  ons: z.nullable(z.string().check(z.regex(/^E\d{8}$/))),
  /** Other ONS codes the LA has been published under (ONS re-coding), accepted in lookups too. */
  otherOns: z.optional(z.array(z.string().check(z.regex(/^E\d{8}$/)))),
  name: z.string().check(z.minLength(1)),
  region: z.nullable(z.string()),
  kind: LaKindSchema,
  /** False for pre-reorganisation LAs that exist in older years only (Dorset 835, Northamptonshire 928…). */
  current: z.boolean(),
});
export type La = z.infer<typeof LaSchema>;

export const SourceFileSchema = z.object({
  path: z.string(),
  repo: z.string(),
  commit: z.string(),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});

export const UnitCostTypeSchema = z.object({
  /** e.g. "Residential care". */
  type: z.string().check(z.minLength(1)),
  aliases: z.array(z.string()),
  /** The LAIT finance measure holding the weekly cost by LA and year. */
  measure: z.string().check(z.minLength(1)),
  description: z.string(),
});
export type UnitCostType = z.infer<typeof UnitCostTypeSchema>;

/**
 * A percentage's proven numerator and denominator: two count measures of the same release whose ratio
 * reproduces the published value (shared/importers/counts.ts), with how often it did.
 */
export const CountPairSchema = z.object({
  numerator: z.string().check(z.minLength(1)),
  denominator: z.string().check(z.minLength(1)),
  /** 100: the indicator is a percentage. */
  multiplier: z.number().check(z.positive()),
  method: z.enum(['proportion', 'rate']),
  /** Share of the LA-years checked that the counts reproduce at the value's decimal places, allowing for DfE's rounding of counts. */
  agreement: z.number().check(z.minimum(0), z.maximum(1)),
  /** … and the share reproduced exactly from the published (possibly rounded) counts. */
  exact: z.number().check(z.minimum(0), z.maximum(1)),
  checked: z.int().check(z.minimum(0)),
  /** The only years the pair holds in (absent: every year); no interval is built for another year. */
  years: z.optional(z.array(z.string())),
});
export type CountPair = z.infer<typeof CountPairSchema>;

export const ReleaseIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{2,63}$/, 'release id: 3–64 of a-z 0-9 . -'));

export const ReleaseSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: ReleaseIdSchema,
  title: z.string(),
  /** Date of the newest source snapshot (ISO date); the release is reproducible, so no wall-clock time. */
  asOf: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  attribution: z.string(),
  sources: z.array(SourceFileSchema),
  /** sha256 of the canonical JSON of everything else (see hash.ts). */
  contentHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  las: z.array(LaSchema).check(z.minLength(1)),
  indicators: z.array(IndicatorSchema).check(z.minLength(1)),
  /** indicator key → year label → values aligned with `las`. */
  values: z.record(z.string(), z.record(z.string(), z.array(z.nullable(z.number())))),
  /** SN model ("2025", "2021") → LA number (as text) → 10 ordered neighbour LA numbers. */
  neighbours: z.record(z.string(), z.record(z.string(), z.array(z.int()))),
  unitCosts: z.array(UnitCostTypeSchema),
  /** indicator key → the counts it is made of (absent in releases built before counts were proven). */
  counts: z.optional(z.record(z.string(), CountPairSchema)),
});
export type Release = z.infer<typeof ReleaseSchema>;

/** What lists and pointers carry about a release, without its data. */
export const ReleaseInfoSchema = z.extend(z.pick(ReleaseSchema, { id: true, title: true, asOf: true, attribution: true, contentHash: true, sources: true }), {
  indicators: z.int(),
  las: z.int(),
});
export type ReleaseInfo = z.infer<typeof ReleaseInfoSchema>;

export const releaseInfo = (r: Release): ReleaseInfo => ({
  id: r.id,
  title: r.title,
  asOf: r.asOf,
  attribution: r.attribution,
  contentHash: r.contentHash,
  sources: r.sources,
  indicators: r.indicators.length,
  las: r.las.length,
});
