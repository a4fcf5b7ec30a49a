/**
 * A distribution: one indicator in one year across every geography — everything needed to band, rank
 * and average locally. The server slices it from a release; the add-in receives it as JSON (DistributionDto)
 * and rebuilds the same object with `makeDistribution`, so both compute with one code path.
 */
import * as z from 'zod/mini';
import { IndicatorSchema, type Indicator } from './schema';

export const DistributionDtoSchema = z.object({
  release: z.string(),
  indicator: IndicatorSchema,
  year: z.string(),
  /** [LA number, value] for every geography in the release (LAs, England 970, regions), value null if missing. */
  values: z.array(z.tuple([z.int(), z.nullable(z.number())])),
});
export type DistributionDto = z.infer<typeof DistributionDtoSchema>;

export interface Distribution {
  readonly release: string;
  readonly indicator: Indicator;
  readonly year: string;
  /** Every geography's value (null = missing), by LA number. */
  readonly byLa: ReadonlyMap<number, number | null>;
  /** The ranked population: LAs (number < 970) with a numeric value, ascending. */
  readonly sorted: readonly number[];
  readonly england: number | null;
}

export const ENGLAND = 970;
/** LAIT ranks and bands LAs only: England is 970 and regions 980–990. */
export const isLaNumber = (n: number): boolean => n < ENGLAND;

export function makeDistribution(dto: DistributionDto): Distribution {
  const byLa = new Map<number, number | null>();
  const population: number[] = [];
  for (const [la, v] of dto.values) {
    const value = v === null || !Number.isFinite(v) ? null : v;
    byLa.set(la, value);
    if (value !== null && isLaNumber(la)) population.push(value);
  }
  const sorted = Float64Array.from(population).sort();
  return {
    release: dto.release,
    indicator: dto.indicator,
    year: dto.year,
    byLa,
    sorted: Array.from(sorted),
    england: byLa.get(ENGLAND) ?? null,
  };
}
