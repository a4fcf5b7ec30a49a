/**
 * `cic diff OLD NEW [--indicator KEY]… [--json]`: what changed between two release files — every value
 * that changed, appeared or disappeared, by indicator, LA and year; the quartile boundaries that moved;
 * a summary per indicator. `--json` prints one object {old, new, changed, added, removed}.
 */
import { readReleaseFile } from '../node/release-file';
import { catalogOfRelease } from '../shared/release/catalog';
import { diffReleases, NOT_LAIT, type DiffItem, type ReleaseDiff } from '../shared/release/diff';
import { releaseInfo, type Release } from '../shared/release/schema';
import { terminalJson, terminalText as printable } from '../shared/terminal-text';
import { command, parseCommand } from './args';

const USAGE = 'usage: cic diff OLD_RELEASE_FILE NEW_RELEASE_FILE [--indicator KEY]… [--json]\n';

const fmt = (v: number | null): string => (v === null ? '-' : String(v));

/** The JSON answer: exactly the five fields, each item {indicator, la, year, before, after}; release text never raw control characters. */
export const diffJson = (d: ReleaseDiff): string => {
  const items = (xs: DiffItem[]) => xs.map(({ indicator, la, year, before, after }) => ({ indicator, la, year, before, after }));
  return terminalJson({ old: d.old, new: d.new, changed: items(d.changed), added: items(d.added), removed: items(d.removed) });
};

function text(d: ReleaseDiff, before: Release, after: Release, named: boolean): string {
  const names = new Map([...before.las, ...after.las].map((l) => [l.number, l.name]));
  const item = (i: DiffItem) =>
    `  ${printable(i.indicator)}\t${printable(i.year)}\t${i.la} ${printable(names.get(i.la) ?? '')}\t${fmt(i.before)} → ${fmt(i.after)}`;
  const lines = [
    `${printable(d.old)} (as of ${printable(before.asOf)}) → ${printable(d.new)} (as of ${printable(after.asOf)})`,
    `${d.changed.length} values changed, ${d.added.length} appeared, ${d.removed.length} disappeared; quartile boundaries moved in ${d.boundaries.length} indicator-years`,
  ];
  if (!named)
    lines.push(`(the ${NOT_LAIT.size} measures not LAIT's own, the ONS population and EES counts, are left out; name one with --indicator to include it)`);
  if (d.summary.length) {
    lines.push('', 'by indicator (changed / appeared / disappeared; years; boundaries moved):');
    for (const s of d.summary)
      lines.push(
        `  ${printable(s.indicator)}: ${s.changed} / ${s.added} / ${s.removed}${s.years.length ? `; ${printable(s.years.join(', '))}` : ''}${s.boundaryYears.length ? `; boundaries ${printable(s.boundaryYears.join(', '))}` : ''}`,
      );
  }
  if (d.boundaries.length) {
    lines.push('', 'quartile boundaries (Q0 | Q1 | Q2 | Q3 | Q4, LAs only, QUARTILE.INC):');
    const q = (b: readonly number[] | null) => (b ? b.map((x) => String(Number(x.toPrecision(15)))).join(' | ') : 'none');
    for (const b of d.boundaries) lines.push(`  ${printable(b.indicator)}\t${printable(b.year)}\t${q(b.before)} → ${q(b.after)}`);
  }
  for (const [title, xs] of [
    ['changed', d.changed],
    ['appeared', d.added],
    ['disappeared', d.removed],
  ] as const) {
    if (xs.length) lines.push('', `${title} (indicator, year, LA, before → after):`, ...xs.map(item));
  }
  return `${lines.join('\n')}\n`;
}

export const DIFF_COMMAND = command({
  name: 'diff',
  usage: `${USAGE}What changed between two release files: every value that changed, appeared or disappeared, by indicator,
LA and year; the quartile boundaries that moved; a summary per indicator.
  --indicator KEY   only this indicator (a key, alias or name; give it again for more)
  --json            one object {old, new, changed, added, removed}
  -h, --help        this help
`,
  options: { indicator: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  positionals: true,
});

export function diffCommand(args: string[], out: NodeJS.WritableStream = process.stdout): number {
  const parsed = parseCommand(DIFF_COMMAND, args, (t) => void out.write(t));
  if (!parsed) return 0;
  const [oldPath, newPath, ...extra] = parsed.positionals;
  if (!oldPath || !newPath || extra.length) {
    process.stderr.write(USAGE);
    return 2;
  }
  const before = readReleaseFile(oldPath);
  const after = readReleaseFile(newPath);
  // A key, alias or name, as a cell accepts it: found in the newer release, else the older.
  const catalogs = [after, before].map((r) => catalogOfRelease(r, releaseInfo(r)));
  const indicators = (parsed.values.indicator ?? []).map((wanted) => {
    try {
      return catalogs[0]!.indicator(wanted).key;
    } catch (e) {
      // Gone from the newer release: the older may still have it. Else the newer one's message (its nearest keys).
      try {
        return catalogs[1]!.indicator(wanted).key;
      } catch {
        throw e;
      }
    }
  });
  const d = diffReleases(before, after, { indicators });
  out.write(parsed.values.json ? `${diffJson(d)}\n` : text(d, before, after, indicators.length > 0));
  return 0;
}
