/**
 * `cic import --from DIR --out FILE [--id ID] [--title T] [--topics "A,B"] [--reference FILE]`: DfE files
 * → a release file. DIR is the research-data folder (LAIT's CSV beside the EES files; provenance from the
 * snapshot table) or one LAIT vintage folder (`YYYY-MM-DD_<commit>/` holding bds_long_0.parquet; see
 * vintage.ts). Reads each input (sha256 of the bytes), builds with the shared importer, and writes
 * through a temp file + rename, so a failure never leaves a partial file.
 */
import { renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildRelease, LAIT_DICTIONARY, RELEASE_INPUTS, SNAPSHOTS, type ReleaseInputFiles } from '../shared/importers/build-release';
import { buildVintageRelease } from '../shared/importers/vintage';
import { decodeDictionary, isVintageFolder, readVintage } from './vintage';
import { readInputFile } from '../node/input-file';
import { sha256Hex, writeReleaseFile } from '../node/release-file';
import { ReleaseIdSchema } from '../shared/release/schema';
import { command, parseCommand } from './args';

const USAGE = 'usage: cic import --from DIR --out FILE [--id ID] [--title TEXT] [--topics "Topic A,Topic B"] [--reference RELEASE_FILE]\n';

/** A CSV saved as UTF-16 (Excel's "Unicode text") reads as NUL-riddled garbage as UTF-8: say so by name. */
function utf16(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 BE';
  const head = bytes.subarray(0, 4096);
  let nuls = 0;
  for (const b of head) if (b === 0) nuls++;
  return head.length > 0 && nuls > head.length / 4 ? 'UTF-16 (no byte-order mark)' : null;
}

/** Every release input under `dir` (the research-data layout), with its provenance and sha256. */
export function readInputs(dir: string): ReleaseInputFiles {
  const files: Record<string, ReleaseInputFiles[string]> = {};
  for (const path of RELEASE_INPUTS) {
    const snapshot = SNAPSHOTS[path.split('/')[0] ?? ''];
    if (!snapshot) throw new Error(`no provenance for ${path}`);
    const bytes = readInputFile(join(dir, path));
    const wide = utf16(bytes);
    if (wide) throw new Error(`${path}: the file is ${wide}, not UTF-8; save it again as "CSV UTF-8" (or the DfE original) and re-run`);
    const text = path === LAIT_DICTIONARY ? decodeDictionary(bytes) : bytes.toString('utf8');
    files[path] = { text, sha256: sha256Hex(bytes), ...snapshot };
  }
  return files;
}

export const IMPORT_COMMAND = command({
  name: 'import',
  usage: `${USAGE}Builds a release file from DfE's files: the research-data folder (LAIT's CSV beside the EES files) or one
LAIT vintage folder (YYYY-MM-DD_<commit>/ holding bds_long_0.parquet), as DfE published it that day.
  --from DIR          the folder to read
  --out FILE          the release file to write (.json.gz to gzip it)
  --id ID             the release id (3 to 64 of a-z, 0-9, "." and "-")
  --title TEXT        its title
  --topics "A,B"      only the indicators of these dictionary topics (default: all)
  --reference FILE    for a vintage: the release that supplies ONS codes, populations and EES counts
                      (default: the committed default release)
  -h, --help          this help
`,
  options: {
    from: { type: 'string' },
    out: { type: 'string' },
    id: { type: 'string' },
    title: { type: 'string' },
    topics: { type: 'string' },
    reference: { type: 'string' },
  },
});

export async function importCommand(args: string[]): Promise<number> {
  const parsed = parseCommand(IMPORT_COMMAND, args, (t) => void process.stdout.write(t));
  if (!parsed) return 0;
  const opts = parsed.values;
  const { from, out } = opts;
  if (!from || !out) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (opts.id !== undefined && !ReleaseIdSchema.safeParse(opts.id).success) {
    process.stderr.write(`cic import: --id "${opts.id}" is not a release id: 3 to 64 characters of a-z, 0-9, "." and "-", starting with a letter or digit\n`);
    return 1;
  }
  const started = performance.now();
  const tmp = out.replace(/(\.gz)?$/, `.tmp-${process.pid}$1`);
  try {
    const build = {
      sha256: sha256Hex,
      ...(opts.id ? { id: opts.id } : {}),
      ...(opts.title ? { title: opts.title } : {}),
      ...(opts.topics
        ? {
            topics: opts.topics
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          }
        : {}),
    };
    const vintage = isVintageFolder(from);
    if (!vintage && opts.reference) throw new Error('--reference is for a LAIT vintage folder (YYYY-MM-DD_<commit>/ holding bds_long_0.parquet)');
    const release = vintage ? buildVintageRelease(await readVintage(from, opts.reference), build) : buildRelease(readInputs(from), build);
    writeReleaseFile(tmp, release);
    renameSync(tmp, out);
    let present = 0;
    let cells = 0;
    for (const byYear of Object.values(release.values)) {
      for (const column of Object.values(byYear)) {
        cells += column.length;
        present += column.filter((v) => v !== null).length;
      }
    }
    const labels = new Set(release.indicators.flatMap((i) => i.years));
    process.stdout.write(
      [
        `cic import: wrote ${out} (release ${release.id})`,
        `  indicators ${release.indicators.length}, LAs ${release.las.length} (${release.las.filter((l) => l.current).length} current)`,
        `  values ${present} published + ${cells - present} missing = ${cells}, year labels ${labels.size}`,
        `  ${statSync(out).size} bytes, contentHash ${release.contentHash}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
        `  counts proven for ${Object.keys(release.counts ?? {}).length} percentages and rates (numerator / denominator × multiplier reproduces the published value):`,
        ...Object.entries(release.counts ?? {}).map(
          ([k, c]) =>
            `    ${k} = ${c.numerator} / ${c.denominator}${c.multiplier === 100 ? '' : ` × ${c.multiplier}`}: ${(c.agreement * 100).toFixed(1)}% of ${c.checked} LA-years (exactly ${(c.exact * 100).toFixed(1)}%)${c.years ? `, years ${c.years[0]}–${c.years.at(-1)} only` : ''}`,
        ),
      ].join('\n') + '\n',
    );
    return 0;
  } catch (e) {
    rmSync(tmp, { force: true });
    // An ImportError's message is already "FILE:LINE: reason"; a schema failure is its first issue, on one line.
    const issue = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
    const message = issue ? `the built release is invalid at ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : (e as Error).message;
    process.stderr.write(`cic import: ${message.split('\n')[0]}\n`);
    return 1;
  }
}
