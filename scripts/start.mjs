#!/usr/bin/env node
// `npm start`: the whole local stack in one command — Azurite (table service, data in .azurite/), the
// default release imported on first run, the Functions app on 127.0.0.1:7071 (`func start` when Core
// Tools work, else the project's local host serving the same handlers), and the add-in's files.
// Ctrl-C stops everything, and so does any other end of this process (SIGTERM, SIGHUP, a crash, even
// SIGKILL: each child stops itself when this process goes). A port already in use or a nearly full disk
// is refused up front with one line. Settings: see docs/service.md ("Settings").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startAddinServer } from './addin-server.mjs';
import { ensureDevCerts } from './dev-certs.mjs';
import { diskProblem, minFreeBytes, portProblem, spawnGuarded } from './preflight.mjs';
import { startSettings, StartSettingsError } from './start-settings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
let settings;
try {
  settings = startSettings(env);
} catch (e) {
  if (!(e instanceof StartSettingsError)) throw e;
  console.error(`npm start: ${e.message}`);
  process.exit(1);
}
const { host, port, azuritePort, addinPort } = settings;
const startAzurite = !env.CIC_STORAGE_CONNECTION;
const azuriteLocation = env.CIC_AZURITE_LOCATION || join(root, '.azurite');
const appDir = join(root, 'dist', 'functions-app');

if (!existsSync(join(root, 'dist', 'functions-dev', 'local-host.mjs')) || settings.rebuild) {
  console.log('Building (dist/ is missing)…');
  // dist/addin is the default build (port 3000); another port gets its own, below.
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root, env: { ...env, CIC_ADDIN_PORT: '' } });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

/**
 * The add-in as served on this port: its manifest, functions.json and help links must name the port Excel
 * loads it from. dist/addin when it was built for it (the default, 3000); else a build of its own,
 * dist/addin-<port>, made now (about a second) and removed when npm start stops, so the default build is
 * left as it is.
 */
async function addinForPort() {
  const base = `https://localhost:${addinPort}`;
  const dist = join(root, 'dist', 'addin');
  const built = join(dist, 'manifest.xml');
  if (existsSync(built) && readFileSync(built, 'utf8').includes(`${base}/`)) return dist;
  const out = join(root, 'dist', `addin-${addinPort}`);
  const { build } = await import(pathToFileURL(join(root, 'addin', 'build', 'build.mjs')).href);
  await build({ root, out, env: { ...env, CIC_ADDIN_PORT: String(addinPort) } });
  stops.push(async () => rmSync(out, { recursive: true, force: true }));
  return out;
}
const dev = await import(pathToFileURL(join(root, 'dist', 'functions-dev', 'local-host.mjs')).href);
const stops = [];

/**
 * Sideloads into desktop Excel where there is one (Windows, macOS) with Office's own office-addin-debugging,
 * as the Office templates' `npm start` does. It is fetched by npx when used, not installed with the project:
 * it needs a native keychain module that does not build on Linux, where there is no desktop Excel anyway.
 * Returns how to undo it, or null when nothing was done (Linux, CI, CIC_SIDELOAD=0).
 */
async function sideload(manifest) {
  if (!['win32', 'darwin'].includes(process.platform) || env.CI || !settings.sideload || settings.http) return null;
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const tool = ['--yes', 'office-addin-debugging@7'];
  const r = spawnSync(npx, [...tool, 'start', manifest, 'desktop', '--app', 'excel', '--no-debug', '--no-live-reload'], {
    stdio: 'inherit',
    cwd: root,
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) {
    console.log('                 (could not sideload automatically; upload the manifest by hand as below)');
    return null;
  }
  return async () => void spawnSync(npx, [...tool, 'stop', manifest, 'desktop'], { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
}
const stopAll = async (code = 0) => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => void stopAll(0));

/** Before anything starts: every port free, and room on the disk for Azurite to save what it acknowledges. */
async function preflight() {
  const ports = [
    ...(startAzurite ? [['127.0.0.1', azuritePort, 'Azurite', 'CIC_AZURITE_PORT']] : []),
    [host, port, 'the Functions app', 'CIC_PORT'],
    ['localhost', addinPort, "the add-in's files", 'CIC_ADDIN_PORT'],
  ];
  for (const [h, p, what, setting] of ports) {
    const problem = await portProblem(h, p, what, setting);
    if (problem) return problem;
  }
  if (startAzurite) {
    mkdirSync(azuriteLocation, { recursive: true });
    return diskProblem(azuriteLocation, minFreeBytes(env));
  }
  return null;
}

// The pane's own origin may call the API (the add-in server proxies /api/, so this matters only to a pane
// loaded from elsewhere); the Functions app's default names port 3000.
env.CIC_ALLOWED_ORIGINS ||= `https://localhost:${addinPort}`;

try {
  const problem = await preflight();
  if (problem) {
    console.error(`npm start: ${problem}`);
    process.exit(1);
  }
  if (startAzurite) {
    const azurite = await dev.startAzurite({ host: '127.0.0.1', port: azuritePort, location: azuriteLocation });
    stops.push(() => azurite.stop());
    env.CIC_STORAGE_CONNECTION = azurite.connectionString;
    console.log(`Azurite tables   ${`http://127.0.0.1:${azurite.port}/devstoreaccount1`}  (data in ${azuriteLocation})`);
  }
  const releasePath = env.CIC_DEFAULT_RELEASE || join(root, 'data', 'releases', 'default.json.gz');
  const seed = await dev.seedIfEmpty(env.CIC_STORAGE_CONNECTION, releasePath, env.CIC_TABLE_PREFIX || 'cic');
  if (seed.imported) console.log(`Imported ${seed.releaseId}: ${seed.cells.toLocaleString('en-GB')} values in ${(seed.ms / 1000).toFixed(1)} s`);
  else console.log(seed.releaseId ? `Current release  ${seed.releaseId}` : `No release yet: ${releasePath} is missing (npm run release:default)`);

  const func = !settings.useFunc ? null : spawnSync('func', ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (func?.status === 0) {
    const child = spawnGuarded('func', ['start', '--port', String(port)], { cwd: appDir, stdio: 'inherit', env });
    stops.push(
      () =>
        new Promise((done) => {
          child.once('exit', done);
          child.kill('SIGINT');
        }),
    );
    console.log(`Functions (Core Tools ${func.stdout.trim()})  http://${host}:${port}/api/health`);
  } else {
    const lh = await dev.startLocalHost({ host, port });
    stops.push(() => lh.close());
    console.log(`Functions (local host; Core Tools not available)  ${lh.url}/api/health`);
  }
  const config = dev.loadConfig(env);
  if (config.writeKey === 'cic-local-dev-key') console.log('Writes use the development key cic-local-dev-key (set CIC_WRITE_KEY to change it)');

  // HTTPS by default (Excel loads nothing else); plain HTTP only when asked with CIC_HTTP=1.
  const certs = settings.http ? null : await ensureDevCerts(env);
  const addinDir = await addinForPort();
  const addin = await startAddinServer({ root, dir: addinDir, port: addinPort, apiUrl: settings.apiUrl ?? `http://${host}:${port}`, tls: certs });
  stops.push(() => addin.close());
  console.log(`Add-in files     ${addin.url}/${addin.hasBuild ? '' : '  (dist/addin missing: run npm run build)'}`);
  if (certs) {
    console.log(`                 HTTPS with the Office dev certificates in ${certs.dir}${certs.generated ? ' (generated now, valid 30 days)' : ''}`);
    console.log(`                 if Excel or the browser does not trust them, run once: ${certs.trust}`);
  } else {
    console.log('                 plain HTTP (CIC_HTTP=1): Excel will not load the pane from it');
  }
  // The committed manifest names port 3000; on another port, the one built for it.
  const manifest = addinPort === 3000 ? join(root, 'manifest.xml') : join(addinDir, 'manifest.xml');
  const sideloaded = await sideload(manifest);
  if (sideloaded) stops.push(sideloaded);
  console.log(
    `Sideload         ${sideloaded ? 'desktop Excel is opening with the add-in (office-addin-debugging); or ' : ''}Excel → Insert → Add-ins → Upload My Add-in → ${manifest}`,
  );
  console.log('                 (Excel on the web: Home → Add-ins → More Add-ins → Upload My Add-in). Ctrl-C stops everything.');
} catch (e) {
  console.error(`npm start failed: ${e instanceof Error ? e.message : e}`);
  await stopAll(1);
}
