/**
 * `cic` — the benchmark engine on the command line, on the committed default release or `--release FILE`.
 *   cic eval [FORMULA…]        formulas from arguments or standard input, one result per line
 *   cic table INDICATOR …      every LA with value, band, quartile, rank; boundaries and n
 *   cic import --from DIR --out FILE   build a release from DfE files (the research folder or a LAIT vintage)
 *   cic diff OLD NEW           what changed between two releases
 *   cic demand --header F --episodes F  the council's SSDA903 files → demand rates and forecast
 *   cic backtest               the children-looked-after forecast scored on held-out origins
 *   cic publish                import, upload, verify and publish a release to the service
 */
import { CellError } from '../shared/excel/errors';
import { ReleaseIndex } from '../shared/release/release-index';
import { ReleaseSet } from '../shared/release/release-set';
import { terminalText } from '../shared/terminal-text';
import { evalCommand } from './eval';
import { readReleaseFile, DEFAULT_RELEASE_PATH } from '../node/release-file';
import { tableCommand } from './table';

const USAGE = `usage:
  cic eval [--release FILE]… [FORMULA …]    evaluate =CIC.* formulas (arguments, or one per line on stdin);
                                            several --release: the newest as-of is current, CIC.REVISIONS reads all
  cic table INDICATOR [--year Y] [--la LA] [--json] [--release FILE]
  cic import --from DIR --out FILE [--id ID] [--title TEXT] [--topics "A,B"] [--reference FILE]
  cic diff OLD_FILE NEW_FILE [--indicator KEY]… [--json]
  cic demand --header FILE --episodes FILE [--from DATE] [--to DATE] [--years N] [--json]
  cic publish (--from DIR | --release FILE) [--id ID] [--api URL] [--key KEY] [--token TOKEN] [--timeout SECONDS] [--no-publish]
  cic backtest [--origins 2019-2024] [--horizons 3] [--level 0.8] [--min 20] [--json] [--release FILE]
`;

function takeRelease(args: string[]): { path: string; rest: string[] } {
  const i = args.indexOf('--release');
  if (i < 0) return { path: process.env.CIC_RELEASE_FILE || DEFAULT_RELEASE_PATH, rest: args };
  const path = args[i + 1];
  if (!path) throw new Error('--release needs a file');
  return { path, rest: [...args.slice(0, i), ...args.slice(i + 2)] };
}

/** Every `--release FILE` (eval may take several), else the default. */
function takeReleases(args: string[]): { paths: string[]; rest: string[] } {
  const paths: string[] = [];
  let rest = args;
  while (rest.includes('--release')) {
    const { path, rest: after } = takeRelease(rest);
    paths.push(path);
    rest = after;
  }
  return { paths: paths.length ? paths : [takeRelease(rest).path], rest };
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'eval': {
        // Several --release files: one source holding them all, the newest as-of current (CIC.REVISIONS reads each).
        const { paths, rest } = takeReleases(args);
        const releases = paths.map((p) => readReleaseFile(p));
        return await evalCommand(rest, releases.length > 1 ? new ReleaseSet(releases) : new ReleaseIndex(releases[0]!));
      }
      case 'table': {
        const { path, rest } = takeRelease(args);
        return await tableCommand(rest, new ReleaseIndex(readReleaseFile(path)));
      }
      case 'backtest': {
        const { path, rest } = takeRelease(args);
        const { backtestCommand } = await import('./backtest');
        return await backtestCommand(rest, new ReleaseIndex(readReleaseFile(path)));
      }
      case 'demand': {
        const { demandCommand } = await import('./demand');
        return await demandCommand(args);
      }
      case 'import': {
        const { importCommand } = await import('./import');
        return await importCommand(args);
      }
      case 'diff': {
        const { diffCommand } = await import('./diff');
        return diffCommand(args);
      }
      case 'publish': {
        const { publishCommand } = await import('./publish');
        return await publishCommand(args);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command ? 0 : 2;
      default:
        process.stderr.write(`cic: unknown command "${terminalText(command)}"\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    // One line, never a stack: the message alone (a stack overflow included), which may echo input or a file's text.
    const message = e instanceof CellError ? e.toString() : ((e as Error).message ?? String(e)).split('\n')[0]!;
    process.stderr.write(`cic: ${terminalText(message)}\n`);
    return 1;
  }
}
