/**
 * No secret in what we ship: the built add-in (dist/addin, public by nature) and the Functions app
 * (dist/functions-app, zipped for deployment). Two values are public by design and allowed in the
 * Functions app only: the local host's default write key (documented; Azure's host checks its own
 * function keys, and in Azure writes also need the Entra role — tests/security/api.test.ts) and
 * Azurite's well-known development account key (published by Microsoft). Anything else shaped like a
 * storage key, SAS signature, private key or bearer token fails, e.g. a developer's real
 * functions/local.settings.json, which the build copies into dist/functions-app.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_WRITE_KEY } from '../../functions/src/config';
import { AZURITE_CONNECTION } from '../../functions/src/store/tables';

const ROOT = resolve(import.meta.dirname, '../..');
const AZURITE_KEY = /AccountKey=([^;]+)/.exec(AZURITE_CONNECTION)![1]!;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return []; // third-party packages installed at deploy time, not our build
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const SECRET_SHAPES: [string, RegExp][] = [
  ['storage account key', /AccountKey=([A-Za-z0-9+/=]{20,})/g],
  ['SAS signature', /[?&;]sig=[A-Za-z0-9%+/=]{20,}/g],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/g],
  ['bearer token', /Bearer\s+[A-Za-z0-9._~+/-]{20,}=*/g],
  ['JWT', /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g],
];

/** Every secret-shaped string in a built folder, as "file: kind: match" (allowed public values excepted). */
function findings(folder: string, allowPublicDevValues: boolean): string[] {
  const out: string[] = [];
  for (const file of filesUnder(join(ROOT, folder))) {
    const text = readFileSync(file, 'latin1');
    const where = relative(ROOT, file);
    for (const [kind, shape] of SECRET_SHAPES) {
      for (const m of text.matchAll(shape)) {
        if (allowPublicDevValues && kind === 'storage account key' && m[1] === AZURITE_KEY) continue;
        out.push(`${where}: ${kind}: ${m[0].slice(0, 40)}…`);
      }
    }
    if (!allowPublicDevValues && text.includes(DEV_WRITE_KEY)) out.push(`${where}: the dev write key`);
    const settingsKey = /"CIC_WRITE_KEY"\s*:\s*"([^"]*)"/.exec(text)?.[1];
    if (settingsKey !== undefined && settingsKey !== DEV_WRITE_KEY) out.push(`${where}: a write key other than the public dev default`);
  }
  return out;
}

describe.skipIf(!existsSync(join(ROOT, 'dist/addin')))('no secrets in the built bundles', () => {
  it('dist/addin holds no key, connection string, private key or token at all', () => {
    expect(filesUnder(join(ROOT, 'dist/addin')).length).toBeGreaterThan(3);
    expect(findings('dist/addin', false)).toEqual([]);
  });

  it('dist/functions-app holds only the public dev defaults', () => {
    expect(filesUnder(join(ROOT, 'dist/functions-app')).length).toBeGreaterThan(3);
    expect(findings('dist/functions-app', true)).toEqual([]);
  });

  it('the scan would catch a real key (a JWT, a storage key and a private key planted in a copy of the text)', () => {
    const planted = `Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln AccountKey=${'Q'.repeat(86)}== -----BEGIN RSA PRIVATE KEY-----`;
    expect(SECRET_SHAPES.filter(([, shape]) => new RegExp(shape.source).test(planted)).map(([kind]) => kind)).toEqual([
      'storage account key',
      'private key',
      'bearer token',
      'JWT',
    ]);
  });
});
