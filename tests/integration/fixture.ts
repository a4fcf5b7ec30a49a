/**
 * A small synthetic release for the integration tests (the real default release may not exist yet):
 * 24 LAs with known values, England 970 and one region, two years, neighbour groups and a unit cost.
 */
import { sha256Hex as sha256 } from '../../node/release-file';
import { contentHashOf } from '../../shared/release/hash';
import type { La, Release } from '../../shared/release/schema';

const las: La[] = [
  ...Array.from({ length: 24 }, (_, i): La => ({
    number: 801 + i,
    ons: `E0600${String(i + 1).padStart(4, '0')}`,
    name: `Testshire ${i + 1}`,
    region: 'Test Region',
    kind: 'la',
    current: true,
  })),
  { number: 970, ons: 'E92000001', name: 'England', region: null, kind: 'england', current: true },
  { number: 980, ons: 'E12000001', name: 'Test Region', region: null, kind: 'region', current: true },
];

/** Values per LA for 2024 and 2025; LA 824 is suppressed in 2025. */
const column = (f: (i: number) => number | null): (number | null)[] => las.map((la, i) => (la.kind === 'la' ? f(i) : la.number === 970 ? 10 : 11));

export function syntheticRelease(id = 'test-2025', tweak = 0): Release {
  const base: Omit<Release, 'contentHash'> = {
    schemaVersion: 1,
    id,
    title: `Synthetic release ${id}`,
    asOf: '2025-06-30',
    attribution: 'Synthetic test data',
    sources: [],
    las,
    indicators: [
      {
        key: 'LACStable_2016on',
        name: 'Stability of placements: 3 or more placements',
        topic: 'Children looked after',
        unit: '%',
        dps: 0,
        polarity: 'Low',
        noQuartile: false,
        yearType: 'Financial',
        description: '',
        source: '',
        aliases: ['placement stability'],
        years: ['2024', '2025'],
      },
      {
        key: 'KS2_RWM',
        name: 'KS2 reading, writing and maths',
        topic: 'Education',
        unit: '%',
        dps: 1,
        polarity: 'High',
        noQuartile: false,
        yearType: 'Academic',
        description: '',
        source: '',
        aliases: [],
        years: ['2024', '2025'],
      },
      {
        key: 'PopU18',
        name: 'Population under 18',
        topic: 'Context',
        unit: 'n',
        dps: 0,
        polarity: null,
        noQuartile: true,
        yearType: 'Calendar',
        description: '',
        source: '',
        aliases: [],
        years: ['2025'],
      },
      {
        key: 'RescareFinance',
        name: 'Residential care unit cost',
        topic: 'Finance',
        unit: '£ per week',
        dps: 0,
        polarity: null,
        noQuartile: true,
        yearType: 'Financial',
        description: '',
        source: '',
        aliases: [],
        years: ['2024-25'],
      },
    ],
    values: {
      LACStable_2016on: { '2024': column((i) => 5 + (i % 9)), '2025': column((i) => (i === 23 ? null : 4 + (i % 12) + tweak)) },
      KS2_RWM: { '2024': column((i) => 50 + i), '2025': column((i) => 55.5 + i / 2) },
      PopU18: { '2025': column((i) => 1000 * (i + 1)) },
      RescareFinance: { '2024-25': column((i) => 5000 + 100 * i) },
    },
    neighbours: {
      '2025': Object.fromEntries(
        las.filter((l) => l.kind === 'la').map((l, i) => [String(l.number), Array.from({ length: 10 }, (_, k) => 801 + ((i + k + 1) % 24))]),
      ),
    },
    unitCosts: [{ type: 'Residential care', aliases: ['residential'], measure: 'RescareFinance', description: 'Weekly cost of residential care' }],
  };
  return { ...base, contentHash: contentHashOf(base, sha256) };
}
