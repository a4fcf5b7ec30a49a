/**
 * Year labels are kept exactly as DfE publishes them ("2025", "2024-25 (OT)", "2021/22-23/24").
 * Order is by the first four-digit year, then by text, which puts each measure's labels in time order.
 */
import { naError, valueError } from '../excel/errors';

const firstYear = (label: string): number => {
  const m = /\d{4}/.exec(label);
  return m ? Number(m[0]) : Number.NEGATIVE_INFINITY;
};

export function compareYears(a: string, b: string): number {
  return firstYear(a) - firstYear(b) || a.localeCompare(b);
}

export const sortYears = (labels: Iterable<string>): string[] => [...new Set(labels)].sort(compareYears);

/**
 * Resolve what a user typed as a year against an indicator's published labels.
 * Omitted → the latest (LAIT's default). Otherwise an exact label (case-insensitive), or the one label
 * that starts with what was typed: 2025 → "2025", "2024-25" → "2024-25 (OT)", 2024 → "2024-25 (OT)".
 */
export function resolveYear(years: readonly string[], wanted: unknown, indicatorKey: string): string {
  const latest = years[years.length - 1];
  if (latest === undefined) throw naError(`${indicatorKey} has no published years`);
  if (wanted === null || wanted === undefined || wanted === '') return latest;
  let text: string;
  if (typeof wanted === 'number') {
    if (!Number.isInteger(wanted)) throw valueError(`Year must be a whole year such as 2025 or a label such as "2024-25", not ${wanted}`);
    text = String(wanted);
  } else if (typeof wanted === 'string') {
    text = wanted.trim();
  } else {
    throw valueError('Year must be a number such as 2025 or text such as "2024-25"');
  }
  const lower = text.toLowerCase();
  const exact = years.find((y) => y.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const starts = years.filter((y) => y.toLowerCase().startsWith(lower));
  if (starts.length === 1 && starts[0] !== undefined) return starts[0];
  if (starts.length > 1) throw valueError(`Year "${text}" is ambiguous for ${indicatorKey}: ${starts.join(', ')}`);
  throw naError(`${indicatorKey} has no data for year "${text}"; published years: ${years.join(', ')}`);
}

/** The label published just before `year` for this indicator, or null for the first year. */
export function previousYear(years: readonly string[], year: string): string | null {
  const i = years.indexOf(year);
  return i > 0 ? (years[i - 1] ?? null) : null;
}
