// Bundles the Functions app into dist/functions-app: a folder `func start` (or a zip deploy) runs as is —
// host.json, package.json whose `main` is the bundle. The development host (local-host.mjs, which `npm start`
// imports when Core Tools are absent) goes to dist/functions-dev, never into what is deployed. '@azure/functions' stays external: the worker hooks its require.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

export async function build({ root, production = false }) {
  const out = join(root, 'dist', 'functions-app');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'dist'), { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['@azure/functions', '@azure/functions-core'],
    // Bundled CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
    banner: { js: "import { createRequire as __cicRequire } from 'node:module'; const require = __cicRequire(import.meta.url);" },
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
  };
  await esbuild.build({ ...common, entryPoints: { main: join(root, 'functions/src/app.ts') }, outdir: join(out, 'dist'), outExtension: { '.js': '.mjs' } });
  await esbuild.build({
    ...common,
    entryPoints: { 'local-host': join(root, 'functions/src/dev/entry.ts') },
    outdir: join(root, 'dist', 'functions-dev'),
    outExtension: { '.js': '.mjs' },
  });
  copyFileSync(join(root, 'functions/host.json'), join(out, 'host.json'));
  const settings = join(root, 'functions/local.settings.json');
  copyFileSync(existsSync(settings) ? settings : join(root, 'functions/local.settings.example.json'), join(out, 'local.settings.json'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(
    join(out, 'package.json'),
    `${JSON.stringify(
      {
        name: 'cic-benchmarks-functions',
        version: pkg.version,
        private: true,
        type: 'module',
        main: 'dist/main.mjs',
        dependencies: { '@azure/functions': pkg.dependencies['@azure/functions'] },
      },
      null,
      2,
    )}\n`,
  );
}
