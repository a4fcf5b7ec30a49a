// Builds the add-in into dist/addin: one shared-runtime page (task pane + custom functions bundle),
// functions.json from the shared definitions, icons, a help page, and the manifest with
// production URLs when building for production. The manifest is checked offline on the way.
import { build as esbuild } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { helpPage } from './help-page.mjs';
import { staticWebAppConfig } from './hosting.mjs';
import { addinSettings, DEV_BASE_URL } from './settings.mjs';

export { DEV_BASE_URL };

/** Compile a TypeScript module of the add-in for use by this script (Node runs no TypeScript). */
async function importTs(file) {
  const r = await esbuild({ entryPoints: [file], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString('base64')}`);
}

export async function build({ root, production = false, out = resolve(root, 'dist/addin'), env = process.env }) {
  const src = resolve(root, 'addin');
  const { base, apiBase } = addinSettings(env, production);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(resolve(out, 'assets'), { recursive: true });

  // Scripts and styles are content-hashed under static/, so they can be cached for a year (hosting.mjs).
  const bundle = await esbuild({
    entryPoints: { taskpane: resolve(src, 'taskpane/taskpane.ts') },
    outdir: resolve(out, 'static'),
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    // ES modules, so what few users need (the SSDA903 reader) is a chunk loaded when first used.
    format: 'esm',
    splitting: true,
    chunkNames: '[name]-[hash]',
    target: 'es2020',
    sourcemap: 'linked',
    legalComments: 'none',
    define: { __CIC_API_BASE__: JSON.stringify(apiBase) },
    // The pane parses SSDA903 files in the page: csv-parse's default build needs Node's Buffer, its browser build carries its own.
    alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
    metafile: true,
    logLevel: 'warning',
  });

  // functions.json comes from the shared definitions (the one source of every function's metadata).
  const functionsJson = (await importTs(resolve(src, 'build/functions-json.ts'))).functionsJson(DEV_BASE_URL);

  const { checkManifest, checkVersionRecord, manifestVersion } = await importTs(resolve(src, 'build/manifest-check.ts'));
  const manifest = readFileSync(resolve(root, 'manifest.xml'), 'utf8');
  const recordFile = resolve(src, 'manifest-version.json');
  const record = JSON.parse(readFileSync(recordFile, 'utf8'));
  const hash = createHash('sha256').update(functionsJson).digest('hex');
  const { problem, updated } = checkVersionRecord(manifestVersion(manifest), hash, record);
  if (problem) throw new Error(`manifest.xml: ${problem}`);
  if (updated) {
    writeFileSync(recordFile, `${JSON.stringify(updated, null, 2)}\n`);
    console.log(`addin: functions.json changed with manifest version ${updated.version}; recorded in addin/manifest-version.json (commit it)`);
  }

  const rebase = (text) => text.split(DEV_BASE_URL).join(base);
  let deployed = rebase(manifest);
  const apiOrigin = apiBase.startsWith('https://') ? new URL(apiBase).origin : null;
  if (apiOrigin && apiOrigin !== base) deployed = deployed.replace('</AppDomains>', `  <AppDomain>${apiOrigin}</AppDomain>\n  </AppDomains>`);
  const problems = checkManifest(deployed);
  if (problems.length > 0) throw new Error(`manifest.xml:\n  ${problems.join('\n  ')}`);

  writeFileSync(resolve(out, 'manifest.xml'), deployed);
  writeFileSync(resolve(out, 'functions.json'), rebase(functionsJson));
  writeFileSync(resolve(out, 'help.html'), helpPage(JSON.parse(functionsJson)));
  const cssText = readFileSync(resolve(src, 'taskpane/taskpane.css'));
  const cssName = `static/taskpane-${createHash('sha256').update(cssText).digest('hex').slice(0, 8).toUpperCase()}.css`;
  writeFileSync(resolve(out, cssName), cssText);
  const jsName = Object.keys(bundle.metafile.outputs)
    .map((f) => f.replace(/\\/g, '/'))
    .find((f) => /\/static\/taskpane-[^/]+\.js$/.test(f))
    .replace(/^.*\/(static\/)/, '$1');
  // The pane's CSP admits the API's origin when the API is served from elsewhere.
  let pane = readFileSync(resolve(src, 'taskpane/taskpane.html'), 'utf8')
    .replace('href="taskpane.css"', `href="${cssName}"`)
    .replace('src="taskpane.js"', `src="${jsName}"`);
  if (!pane.includes(jsName) || !pane.includes(cssName))
    throw new Error('taskpane.html: expected <link href="taskpane.css"> and <script src="taskpane.js"> to point at the hashed files');
  if (apiOrigin) pane = pane.replace("connect-src 'self'", `connect-src 'self' ${apiOrigin}`);
  writeFileSync(resolve(out, 'taskpane.html'), pane);
  writeFileSync(resolve(out, 'staticwebapp.config.json'), `${JSON.stringify(staticWebAppConfig(), null, 2)}\n`);
  // The icons the manifest names, committed as images (addin/assets), as Office's add-in templates keep them.
  cpSync(resolve(src, 'assets'), resolve(out, 'assets'), { recursive: true });

  // What a workbook loads at start: the entry and the chunks it imports statically (not the lazy ones).
  const outputs = Object.fromEntries(Object.entries(bundle.metafile.outputs).map(([f, o]) => [f.replace(/\\/g, '/').replace(/^.*\/(static\/)/, '$1'), o]));
  const atStart = [jsName, ...outputs[jsName].imports.filter((i) => i.kind === 'import-statement').map((i) => i.path.replace(/^.*\/(static\/)/, '$1'))];
  const startJs = Buffer.concat(atStart.map((f) => readFileSync(resolve(out, f))));
  const allJs = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  const totalBytes = allJs.reduce((n, f) => n + readFileSync(resolve(out, f)).length, 0);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `addin: ${kb(startJs.length)} of script at start (${kb(gzipSync(startJs).length)} gzipped; ${atStart.join(', ')}), ${kb(totalBytes)} in all with what loads on first use; ${cssName} ${kb(cssText.length)}; ${JSON.parse(functionsJson).functions.length} functions; base ${base}`,
  );
  return { metafile: bundle.metafile, bytes: startJs.length, totalBytes };
}
