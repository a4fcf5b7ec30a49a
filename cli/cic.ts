/**
 * `cic` — the benchmark engine on the command line, on the committed default release or `--release FILE`.
 *   cic eval [FORMULA…]        formulas from arguments or standard input, one result per line
 *   cic table INDICATOR …      every LA with value, band, quartile, rank; boundaries and n
 *   cic import --from DIR --out FILE   build a release from DfE files (the research folder or a LAIT vintage)
 *   cic diff OLD NEW           what changed between two releases
 *   cic demand --header F --episodes F  the council's SSDA903 files → demand rates and forecast
 *   cic backtest               the children-looked-after forecast scored on held-out origins
 *   cic publish                import, upload, verify and publish a release to the service
 * Every command reads its flags through one parser (args.ts): --help, no flag twice, none without its value.
 */
import { CellError } from '../shared/excel/errors';
import { ReleaseIndex } from '../shared/release/release-index';
import { ReleaseSet } from '../shared/release/release-set';
import { terminalText } from '../shared/terminal-text';
import { parseCommand, UsageError, type CommandSpec, type OptionSpecs } from './args';
import { evalCommand, EVAL_COMMAND } from './eval';
import { readReleaseFile, DEFAULT_RELEASE_PATH } from '../node/release-file';
import { tableCommand, TABLE_COMMAND } from './table';

const USAGE = `usage: cic COMMAND [ARGUMENTS]   (cic COMMAND --help for its flags)
  cic eval [--release FILE]… [--raw] [FORMULA …]    evaluate =CIC.* formulas (arguments, or one per line on stdin);
                                            several --release: the newest as-of is current, CIC.REVISIONS reads all
  cic table INDICATOR [--year Y] [--la LA] [--json] [--raw] [--release FILE]
  cic import --from DIR --out FILE [--id ID] [--title TEXT] [--topics "A,B"] [--reference FILE]
  cic diff OLD_FILE NEW_FILE [--indicator KEY]… [--json]
  cic demand --header FILE --episodes FILE [--from DATE] [--to DATE] [--years N] [--inflation RATE] [--json] [--release FILE]
  cic publish (--from DIR | --release FILE) [--id ID] [--api URL] [--key KEY] [--token TOKEN] [--timeout SECONDS] [--no-publish]
  cic backtest [--origins 2019-2024] [--horizons 3] [--level 0.8] [--min 20] [--json] [--release FILE]
  cic help [COMMAND]
`;

const defaultRelease = (): string => process.env.CIC_RELEASE_FILE || DEFAULT_RELEASE_PATH;

/** Each command's flags, for `cic help COMMAND` (the larger commands load only when asked for). */
const SPECS: Record<string, () => Promise<CommandSpec<OptionSpecs>>> = {
  eval: async () => EVAL_COMMAND,
  table: async () => TABLE_COMMAND,
  backtest: async () => (await import('./backtest')).BACKTEST_COMMAND,
  demand: async () => (await import('./demand')).DEMAND_COMMAND,
  import: async () => (await import('./import')).IMPORT_COMMAND,
  diff: async () => (await import('./diff')).DIFF_COMMAND,
  publish: async () => (await import('./publish')).PUBLISH_COMMAND,
};

const stdout = (text: string) => void process.stdout.write(text);

let pipeWatched = false;
/** `cic table … | head`: once the reader has gone, stop quietly (exit 0), not with an EPIPE stack. */
function quietWhenPipeCloses(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

export async function main(argv: string[]): Promise<number> {
  quietWhenPipeCloses();
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'eval': {
        const p = parseCommand(EVAL_COMMAND, args, stdout);
        if (!p) return 0;
        // Several --release files: one source holding them all, the newest as-of current (CIC.REVISIONS reads each).
        const releases = (p.values.release ?? [defaultRelease()]).map((path) => readReleaseFile(path));
        const src = releases.length > 1 ? new ReleaseSet(releases) : new ReleaseIndex(releases[0]!);
        return await evalCommand(p.positionals, src, process.stdout, { raw: p.values.raw ?? false });
      }
      case 'table': {
        const p = parseCommand(TABLE_COMMAND, args, stdout);
        if (!p) return 0;
        return await tableCommand(args, new ReleaseIndex(readReleaseFile(p.values.release ?? defaultRelease())));
      }
      case 'backtest': {
        const { BACKTEST_COMMAND, backtestCommand } = await import('./backtest');
        const p = parseCommand(BACKTEST_COMMAND, args, stdout);
        if (!p) return 0;
        return await backtestCommand(args, new ReleaseIndex(readReleaseFile(p.values.release ?? defaultRelease())));
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
      case 'help': {
        const spec = args[0] !== undefined ? SPECS[args[0]] : undefined;
        if (args[0] !== undefined && !spec) throw new UsageError('help', `no command "${args[0]}"; the commands are ${Object.keys(SPECS).join(', ')}`);
        stdout(spec ? (await spec()).usage : USAGE);
        return 0;
      }
      case undefined:
      case '--help':
      case '-h':
        stdout(USAGE);
        return command ? 0 : 2;
      default:
        process.stderr.write(`cic: unknown command "${terminalText(command)}"\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${terminalText(e.line())}\n`);
      return 1;
    }
    // One line, never a stack: the message alone (a stack overflow included), which may echo input or a file's text.
    const message = e instanceof CellError ? e.toString() : ((e as Error).message ?? String(e)).split('\n')[0]!;
    process.stderr.write(`cic: ${terminalText(message)}\n`);
    return 1;
  }
}
