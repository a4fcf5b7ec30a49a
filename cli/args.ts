/**
 * One way every `cic` command reads its arguments: node:util's parseArgs, strict, plus what it leaves to
 * the caller — `--help`/`-h` prints the command's usage, a flag given twice (which parseArgs would let the
 * last one win silently) or without its value is refused, and every refusal is one line (exit 1).
 */
import { parseArgs } from 'node:util';

export type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };
export type OptionSpecs = Record<string, OptionSpec>;

export interface CommandSpec<O extends OptionSpecs> {
  /** The command's name after `cic`. */
  name: string;
  /** What `--help` prints: the usage line(s) and each flag. */
  usage: string;
  options: O;
  /** Whether the command takes arguments besides its flags (files, formulas, an indicator). */
  positionals?: boolean;
}

type Values<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? (O[K]['multiple'] extends true ? boolean[] : boolean) : O[K]['multiple'] extends true ? string[] : string;
};

export interface Parsed<O extends OptionSpecs> {
  values: Values<O>;
  positionals: string[];
}

/** Wrong arguments: `cic <command>: <message>` on one line, exit 1. */
export class UsageError extends Error {
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
  /** The one line the user sees. */
  line(): string {
    return `cic ${this.command}: ${this.message} (cic ${this.command} --help)`;
  }
}

/** Whether the arguments ask for help (before any `--`, after which everything is an argument). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The option a parseArgs message names ("Option '--year <value>' argument missing" → "--year"). */
const named = (message: string): string => /'(-{1,2}[^' <]+)/.exec(message)?.[1] ?? '';

function explain(e: unknown): string {
  const message = (e as Error).message ?? String(e);
  switch ((e as { code?: string }).code) {
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `${named(message)} takes no value`;
      // "--timeout -1": parseArgs will not take a value that looks like a flag unless it is joined with "=".
      return /ambiguous/.test(message)
        ? `${named(message)} needs a value; for one starting with "-", write ${named(message)}=-1`
        : `${named(message)} needs a value`;
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${named(message)}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''}`.trim();
    default:
      return message.split('\n')[0]!;
  }
}

/**
 * The command's flags and other arguments; null when the arguments ask for help (the usage is then
 * written to `out`). Throws UsageError for an unknown flag, a flag twice, a flag without its value.
 */
export function parseCommand<O extends OptionSpecs>(spec: CommandSpec<O>, args: readonly string[], out: (text: string) => void): Parsed<O> | null {
  if (wantsHelp(args)) {
    out(spec.usage.endsWith('\n') ? spec.usage : `${spec.usage}\n`);
    return null;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: spec.options, strict: true, allowPositionals: spec.positionals ?? false, tokens: true });
  } catch (e) {
    throw new UsageError(spec.name, explain(e));
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    const o = spec.options[t.name]!;
    const flag = t.rawName.startsWith('--') ? t.rawName : `--${t.name}`;
    if (!o.multiple && seen.has(t.name)) throw new UsageError(spec.name, `${flag} is given twice; give it once`);
    seen.add(t.name);
    if (o.type === 'string' && (t.value ?? '').trim() === '') throw new UsageError(spec.name, `${flag} needs a value`);
  }
  return { values: parsed.values as Values<O>, positionals: parsed.positionals };
}

/** A command's spec, its flags' types kept exact for `values`. */
export const command = <O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> => spec;
