/**
 * The importer on damaged DfE files: truncated, re-encoded (latin-1, UTF-16), columns shuffled, rows
 * duplicated, dropped or swapped, bytes corrupted, values replaced. Each damaged folder is read the way
 * `cic import` reads it (readInputs: bytes → text) and built: the result is a release that round-trips
 * the schema and its content hash, or an ImportError at file:line — never another exception type.
 * Then `cic import` itself on damaged folders: non-zero exit, the file:line message, nothing written.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../cli/import';
import { parseRelease, sha256Hex } from '../../node/release-file';
import { buildRelease, LAIT_DATA, LAIT_DICTIONARY, RELEASE_INPUTS, SN_2025 } from '../../shared/importers/build-release';
import { ImportError } from '../../shared/importers/errors';
import { fuzzParams, testTimeout } from './config';
import { realSlices, RESEARCH_DATA, syntheticInputs, type InputSet } from './importer-inputs';

const ROOT = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'cic-fuzz-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeSet(dir: string, set: InputSet): void {
  for (const [path, bytes] of set) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
}

const splitLines = (b: Buffer): string[] => b.toString('utf8').split('\n');
const joinLines = (ls: string[]): Buffer => Buffer.from(ls.join('\n'));
/** A data line (never the header, never the empty tail after the final newline). */
const pickLine = (ls: string[], r: number): number => 1 + Math.floor(r * Math.max(1, ls.length - 2));

type Damage = (b: Buffer) => Buffer;
// A position in the file, uniform: fast-check's bias would otherwise pile positions onto the ends.
const r01 = fc.noBias(fc.integer({ min: 0, max: 9_999 })).map((n) => n / 10_000);
const damage: fc.Arbitrary<[string, Damage]> = fc.oneof(
  r01.map((r): [string, Damage] => [`truncated at ${r.toFixed(3)}`, (b) => b.subarray(0, Math.floor(b.length * r))]),
  r01.map((r): [string, Damage] => [
    `cut after line ${r.toFixed(3)}`,
    (b) => {
      const ls = splitLines(b);
      return joinLines([...ls.slice(0, pickLine(ls, r)), '']);
    },
  ]),
  fc.constant<[string, Damage]>(['re-encoded as latin-1', (b) => Buffer.from(b.toString('utf8'), 'latin1')]),
  fc.constant<[string, Damage]>([
    're-encoded as UTF-16LE with BOM',
    (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
  ]),
  fc.constant<[string, Damage]>(['CRLF line endings', (b) => Buffer.from(b.toString('utf8').replace(/\n/g, '\r\n'))]),
  fc.integer({ min: 1, max: 1000 }).map((seed): [string, Damage] => [
    `columns shuffled (${seed})`,
    (b) => {
      const rows = parse(b, { relax_column_count: true }) as string[][];
      const order = (rows[0] ?? []).map((_, i) => i).sort((x, y) => ((x * seed) % 7) - ((y * seed) % 7) || x - y);
      return Buffer.from(rows.map((row) => order.map((i) => `"${(row[i] ?? '').replace(/"/g, '""')}"`).join(',')).join('\n') + '\n');
    },
  ]),
  r01.map((r): [string, Damage] => [
    `row ${r.toFixed(3)} duplicated`,
    (b) => {
      const ls = splitLines(b);
      const i = pickLine(ls, r);
      return joinLines([...ls.slice(0, i + 1), ...ls.slice(i)]);
    },
  ]),
  r01.map((r): [string, Damage] => [
    `row ${r.toFixed(3)} dropped`,
    (b) => {
      const ls = splitLines(b);
      const i = pickLine(ls, r);
      return joinLines([...ls.slice(0, i), ...ls.slice(i + 1)]);
    },
  ]),
  fc.tuple(r01, r01).map(([r, s]): [string, Damage] => [
    `rows ${r.toFixed(3)} and ${s.toFixed(3)} swapped`,
    (b) => {
      const ls = splitLines(b);
      const i = pickLine(ls, r);
      const j = pickLine(ls, s);
      [ls[i], ls[j]] = [ls[j]!, ls[i]!];
      return joinLines(ls);
    },
  ]),
  fc
    .array(fc.tuple(r01, fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x00, 0xff, 0xc3, 0x20, 0x39, 0x41)), { minLength: 1, maxLength: 5 })
    .map((edits): [string, Damage] => [
      `bytes ${edits.map(([r, v]) => `${r.toFixed(3)}=0x${v.toString(16)}`).join(' ')}`,
      (b) => {
        const c = Buffer.from(b);
        for (const [r, v] of edits) c[Math.floor(r * c.length)] = v;
        return c;
      },
    ]),
  // Heavier: a plausible-looking field is what reaches value parsing and the release schema.
  {
    weight: 3,
    arbitrary: fc
      .tuple(r01, r01, fc.constantFrom('1e999', '-1e400', 'NaN', 'Infinity', '0x1A', '1,234', '１２', '"', '', ' 7 ', '1e-400', '12.3.4', '999'))
      .map(([r, s, token]): [string, Damage] => [
        `field ${r.toFixed(3)}/${s.toFixed(3)} := ${JSON.stringify(token)}`,
        (b) => {
          const ls = splitLines(b);
          const i = pickLine(ls, r);
          const fields = (ls[i] ?? '').split(',');
          fields[Math.floor(s * fields.length)] = token;
          ls[i] = fields.join(',');
          return joinLines(ls);
        },
      ]),
  },
);

/** Build from a folder as `cic import` would; null when it built a valid release, else the failure. */
function outcome(dir: string): unknown {
  try {
    const release = buildRelease(readInputs(dir), { sha256: sha256Hex });
    parseRelease(JSON.stringify(release), 'built release'); // schema and content hash hold
    return null;
  } catch (e) {
    return e;
  }
}

function expectCleanFailure(e: unknown, what: string): void {
  if (e === null) return;
  // A whole file in another encoding is refused before parsing, by name: there is no line to point at.
  if (e instanceof Error && /^[\w/.-]+\.csv: the file is UTF-16/.test(e.message)) return;
  expect(e, `${what}: ${e instanceof Error ? e.stack : String(e)}`).toBeInstanceOf(ImportError);
  const ie = e as ImportError;
  expect(RELEASE_INPUTS, `${what}: ${ie.message}`).toContain(ie.file);
  expect(ie.line, `${what}: ${ie.message}`).toBeGreaterThanOrEqual(1);
  expect(ie.message).toMatch(/^[\w/.-]+\.csv:\d+: \S/);
}

const real = realSlices();
if (!real) console.warn(`importer fuzz: real-file slices skipped because ${RESEARCH_DATA} is absent; synthetic inputs only`);
const sets: [string, InputSet | null][] = [
  ['synthetic', syntheticInputs()],
  ['real DfE slices', real],
];

describe.each(sets)('importer on damaged %s', (name, set) => {
  it.skipIf(!set)(
    'builds a valid release or fails with ImportError file:line, nothing else',
    () => {
      const base = set!;
      const dir = mkdtempSync(join(scratch, 'set-'));
      writeSet(dir, base);
      expect(outcome(dir), 'the undamaged folder builds').toBeNull();
      // The two files with the most structure get most of the damage.
      const file = fc.oneof(
        { weight: 4, arbitrary: fc.constant(LAIT_DATA) },
        { weight: 2, arbitrary: fc.constant(LAIT_DICTIONARY) },
        { weight: 1, arbitrary: fc.constantFrom(...base.keys()) },
      );
      fc.assert(
        fc.property(file, damage, (path, [label, hurt]) => {
          const original = base.get(path)!;
          writeFileSync(join(dir, path), hurt(original));
          try {
            expectCleanFailure(outcome(dir), `${path} ${label}`);
          } finally {
            writeFileSync(join(dir, path), original);
          }
        }),
        fuzzParams(name === 'synthetic' ? 300 : 80, 4),
      );
    },
    testTimeout(4),
  );
});

describe('cic import on a damaged folder', () => {
  const cases: [string, string, Damage][] = [
    ['LAIT cut mid-row', LAIT_DATA, (b) => b.subarray(0, b.length - 7)],
    ['dictionary re-encoded as UTF-16', LAIT_DICTIONARY, (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')])],
    [
      'SN row duplicated',
      SN_2025,
      (b) => {
        const ls = splitLines(b);
        return joinLines([...ls.slice(0, 2), ...ls.slice(1)]);
      },
    ],
  ];
  it.each(cases)('%s: exits 1 with file:line and writes nothing', (_label, path, hurt) => {
    const from = mkdtempSync(join(scratch, 'cli-in-'));
    const set = syntheticInputs();
    set.set(path, hurt(set.get(path)!));
    writeSet(from, set);
    const outDir = mkdtempSync(join(scratch, 'cli-out-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/cic.mjs'), 'import', '--from', from, '--out', join(outDir, 'release.json.gz')], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(1);
    // A whole file in the wrong encoding is named as such (no line to point at); anything else at file:line.
    expect(r.stderr).toMatch(new RegExp(`^cic import: ${path.replace(/[./]/g, '\\$&')}(:\\d+: |: the file is UTF-16)`));
    expect(readdirSync(outDir)).toEqual([]);
  });
});
