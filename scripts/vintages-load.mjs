#!/usr/bin/env node
// `npm run vintages:load`: every LAIT vintage (../shared/research-data/lait-vintages, or $CIC_VINTAGES) imported
// as DfE published it and uploaded to a running service as history (`cic publish --no-publish`), so
// CIC.REVISIONS has releases to read. The current release is left as it is. Each release file is kept in
// .vintages/ (git-ignored) and imported only once; an upload of the same content is a no-op, so re-running
// is safe. Service and key as `cic publish` takes them: $CIC_API_URL (default http://127.0.0.1:7071/api),
// $CIC_WRITE_KEY (default the local development key), $CIC_TOKEN; $CIC_TIMEOUT per upload (default 900 s).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const env = process.env;
const vintages = resolve(env.CIC_VINTAGES || join(root, '..', 'shared', 'research-data', 'lait-vintages'));
const out = resolve(env.CIC_VINTAGES_OUT || join(root, '.vintages'));
const cic = join(root, 'bin', 'cic.mjs');

const fail = (line) => {
  console.error(`vintages:load: ${line}`);
  process.exit(1);
};

if (!existsSync(vintages)) fail(`no vintages at ${vintages} (set CIC_VINTAGES to the folder holding the YYYY-MM-DD_<commit> folders)`);
if (!existsSync(join(root, 'dist', 'cli', 'cic.mjs'))) {
  console.log('vintages:load: building the cic command first');
  if (spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status !== 0) fail('the build failed');
}
const folders = readdirSync(vintages)
  .filter((n) => /^\d{4}-\d{2}-\d{2}_[0-9a-f]{7,40}$/.test(n))
  .sort();
if (folders.length === 0) fail(`no YYYY-MM-DD_<commit> folders in ${vintages}`);
mkdirSync(out, { recursive: true });

const run = (args) =>
  spawnSync(process.execPath, [cic, ...args], { encoding: 'utf8', env: { ...env, CIC_WRITE_KEY: env.CIC_WRITE_KEY || 'cic-local-dev-key' } });
const started = Date.now();
for (const [i, name] of folders.entries()) {
  const file = join(out, `${name}.json.gz`);
  const step = `[${i + 1}/${folders.length}] ${name}`;
  if (!existsSync(file)) {
    const t = Date.now();
    const imported = run(['import', '--from', join(vintages, name), '--out', file]);
    if (imported.status !== 0) fail(`${step}: ${(imported.stderr || imported.stdout).trim().split('\n')[0]}`);
    console.log(`${step}: imported in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const t = Date.now();
  // A whole release is one upload the service writes and reads back before answering: minutes on a busy laptop.
  const loaded = run([
    'publish',
    '--release',
    file,
    '--no-publish',
    '--timeout',
    env.CIC_TIMEOUT || '900',
    ...(env.CIC_API_URL ? ['--api', env.CIC_API_URL] : []),
  ]);
  if (loaded.status !== 0) fail(`${step}: ${(loaded.stderr || loaded.stdout).trim().split('\n').at(-1)}`);
  const id = /release (\S+):/.exec(loaded.stdout)?.[1] ?? name;
  console.log(`${step}: ${id} in the store as history (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
console.log(`vintages:load: ${folders.length} vintages in the store in ${((Date.now() - started) / 1000).toFixed(0)} s; the current release is unchanged`);
