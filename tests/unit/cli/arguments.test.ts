/**
 * Issue 19 item 9: `cic` reads its arguments as a command line should, through one parser (cli/args.ts):
 * every command has --help (eval's was evaluated as a formula), a flag given twice or without its value is
 * one line and exit 1 (parseArgs let the last one win), `cic … | head` stops quietly (an EPIPE stack
 * before), and an indicator's values print to the decimals DfE publishes them with (--raw: in full).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../../node/release-file';
import { publishedDecimals } from '../../../shared/release/decimals';

const cic = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/cic.mjs', ...args], { input, encoding: 'utf8' });
const release = readReleaseFile();

beforeAll(() => {
  if (!existsSync('dist/cli/cic.mjs')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
});

const COMMANDS = ['eval', 'table', 'import', 'diff', 'demand', 'publish', 'backtest'];

describe('--help', () => {
  it.each(COMMANDS)('cic %s --help prints its usage and each flag, exit 0, and does nothing else', (command) => {
    const r = cic([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^usage: cic ${command}\\b`));
    expect(r.stdout).toMatch(/-h, --help/);
    expect(cic([command, '-h']).stdout).toBe(r.stdout);
    expect(cic(['help', command]).stdout).toBe(r.stdout);
  });

  it('eval --help is not a formula, wherever it stands among the arguments', () => {
    const r = cic(['eval', '=CIC.COUNT("LACStable_2016on")', '--help']);
    expect(r.stdout).toMatch(/^usage: cic eval/);
    expect(r.stdout).not.toMatch(/#VALUE!|Formula syntax/);
    // After "--" it is an argument like any other (here, not a formula).
    expect(cic(['eval', '--', '--help']).stdout).toMatch(/^#VALUE! Formula syntax/);
  });
});

describe('a flag twice, or without its value: one line, exit 1', () => {
  it.each([
    ['table', ['table', 'LACStable_2016on', '--year', '2025', '--year', '2024'], '--year is given twice'],
    ['table', ['table', 'LACStable_2016on', '--json', '--json'], '--json is given twice'],
    ['table', ['table', 'LACStable_2016on', '--year'], '--year needs a value'],
    ['table', ['table', 'LACStable_2016on', '--year', '--json'], '--year needs a value'],
    ['table', ['table', 'LACStable_2016on', '--year='], '--year needs a value'],
    ['table', ['table', 'LACStable_2016on', '--yaer', '2025'], 'unknown option --yaer'],
    ['eval', ['eval', '--raw', '--raw', '=CIC.COUNT("LAC")'], '--raw is given twice'],
    ['eval', ['eval', '--release'], '--release needs a value'],
    ['demand', ['demand', '--header', 'a.csv', '--header', 'b.csv', '--episodes', 'c.csv'], '--header is given twice'],
    ['demand', ['demand', '--header', 'a.csv', '--episodes'], '--episodes needs a value'],
    ['diff', ['diff', 'a', 'b', '--json', '--json'], '--json is given twice'],
    ['import', ['import', '--from', 'a', '--from', 'b', '--out', 'x'], '--from is given twice'],
    ['publish', ['publish', '--release', 'x', '--api', 'http://a', '--api', 'http://b'], '--api is given twice'],
    ['backtest', ['backtest', '--level', '0.8', '--level', '0.9'], '--level is given twice'],
    ['backtest', ['backtest', '--origins'], '--origins needs a value'],
  ])('%s: %j', (command, args, message) => {
    const r = cic(args);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`cic ${command}: ${message}`)).toBe(true);
    expect(r.stderr).toMatch(new RegExp(`\\(cic ${command} --help\\)\n$`));
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a flag that may be given several times still may (--indicator for diff)', () => {
    const file = 'data/releases/default.json.gz';
    const r = cic(['diff', file, file, '--indicator', 'LAC', '--indicator', 'LACnum']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('cic … | head', () => {
  it('stops quietly when the reader goes away: exit 0, nothing on stderr', async () => {
    // Deterministic: read one answer, close the pipe, then ask for another (the write meets a closed pipe).
    const child = spawn(process.execPath, ['bin/cic.mjs', 'eval'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((ok) => child.once('exit', ok));
    child.stdin.write('=CIC.COUNT("LACStable_2016on")\n');
    const first = await new Promise<string>((ok) => child.stdout.once('data', (d) => ok(String(d))));
    expect(first).toBe('151\n');
    child.stdout.destroy();
    for (let i = 0; i < 200; i++) child.stdin.write('=CIC.COUNT("LACStable_2016on")\n');
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });

  it('cic table | head -3 in a shell: the first lines, exit 0, no stack', () => {
    const r = spawnSync('bash', ['-c', 'set -o pipefail; node bin/cic.mjs table LACStable_2016on | head -3'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^LACStable_2016on — /);
    expect(r.stderr).toBe('');
  });
});

describe("an indicator's values to its published decimals", () => {
  const decimals = (key: string) => {
    const ind = release.indicators.find((i) => i.key === key)!;
    return publishedDecimals(ind, Object.values(release.values[key]!).flat());
  };
  const rows = (out: string) => out.split('\n').filter((l) => /^\d{3}\t/.test(l));

  it('cic table: every value to the published places (the dictionary says none for ReReferral: its values show one)', () => {
    expect(release.indicators.find((i) => i.key === 'ReReferral')!.dps).toBeNull();
    expect(decimals('ReReferral')).toBe(1);
    const shown = rows(cic(['table', 'ReReferral', '--year', '2025']).stdout);
    expect(shown.length).toBeGreaterThan(140);
    for (const line of shown) expect(line.split('\t')[3]).toMatch(/^(-|\d+\.\d)$/);
    // An indicator the dictionary gives two places: 7 shows as 7.00.
    const two = release.indicators.find(
      (i) =>
        i.dps === 2 &&
        i.polarity !== null &&
        Object.values(release.values[i.key] ?? {})
          .flat()
          .some((v) => v !== null && Number.isInteger(v)),
    )!;
    for (const line of rows(cic(['table', two.key]).stdout)) expect(line.split('\t')[3]).toMatch(/^(-|-?\d+\.\d\d)$/);
  });

  it('cic table --raw: the numbers as the release holds them', () => {
    const raw = rows(cic(['table', 'LAC', '--raw', '--la', 'Leics']).stdout)[0]!;
    expect(raw.split('\t')[3]).toBe(String(release.values.LAC!['2025']![release.las.findIndex((l) => l.number === 855)]));
  });

  it('cic eval: VALUE, NATIONAL and SNAVG to the published places, spills and cards rounded; other answers untouched; --raw in full', () => {
    const f = ['=CIC.SNAVG("LAC", "Leics", 2025)', '=CIC.VALUE("ReReferral", 855)', '=CIC.SERIES("LAC", 855, 1)', '=CIC.POSITION("ReReferral", 25.5)'];
    const shown = cic(['eval', ...f])
      .stdout.trimEnd()
      .split('\n');
    const raw = cic(['eval', '--raw', ...f])
      .stdout.trimEnd()
      .split('\n');
    expect(decimals('LAC')).toBe(0);
    expect(Number(raw[0])).not.toBe(Math.round(Number(raw[0]))); // the mean of ten neighbours has decimals…
    expect(shown[0]).toBe(String(Math.round(Number(raw[0])))); // …LAIT publishes LAC as whole numbers
    expect(shown[1]).toBe('25.5');
    const series = JSON.parse(shown[2]!) as (string | number)[][];
    for (const x of series[1]!.slice(1, 7)) expect(Number.isInteger(x)).toBe(true);
    expect(shown[3]).toBe(raw[3]); // a position is no value of the indicator
  });
});

describe('typed as pasted: curly quotes and written dates', () => {
  const evalLines = (formulas: string[]) =>
    cic(['eval'], formulas.join('\n') + '\n')
      .stdout.trimEnd()
      .split('\n');

  it('quotes pasted from Word read as quotes', () => {
    const [straight, curly, single] = evalLines([
      '=CIC.BAND("LACStable_2016on", 14, "2025")',
      '=CIC.BAND(“LACStable_2016on”, 14, “2025”)',
      '=CIC.BAND(‘LACStable_2016on’, 14, ‘2025’)',
    ]);
    expect(straight).toBe('D');
    expect([curly, single]).toEqual(['D', 'D']);
  });

  it('"1 October 2020", "1 Oct 2020" and "01/10/2020" are the same start date for STEPDOWN, DEMAND and FORECAST', () => {
    const spellings = ['1 October 2020', '1 Oct 2020', '01/10/2020', '2020-10-01', '01-Oct-2020'];
    const stepdown = evalLines(spellings.map((d) => `=CIC.STEPDOWN(5000, 1000, 2, "${d}", 2)`));
    expect(stepdown[0]).toMatch(/^\[\["Financial year"/);
    expect(new Set(stepdown).size).toBe(1);
    const demand = evalLines(spellings.map((d) => `=CIC.DEMAND({"A";"B"}, {10;5}, {0,0.001;0.002,0}, {0.001;0.002}, {0.01;0.01}, "${d}", 2)`));
    expect(demand[0]).toMatch(/^\[\["Financial year","A","B","Total"\],\["2020\/21"/);
    expect(new Set(demand).size).toBe(1);
    const forecast = evalLines(spellings.map((d) => `=CIC.FORECAST({"Res"}, {2}, {4000}, "${d}", 2)`));
    expect(forecast[0]).toMatch(/\["2020\/21",/);
    expect(new Set(forecast).size).toBe(1);
    expect(evalLines(['=CIC.STEPDOWN(5000, 1000, 2, "31 September 2020", 2)'])[0]).toMatch(/^#VALUE! "31 September 2020" is not a real date/);
  });
});
