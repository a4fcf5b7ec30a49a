// Bundles the `cic` command into one ESM file so it starts fast and needs no TypeScript at run time.
import { build as esbuild } from 'esbuild';
import { resolve } from 'node:path';

export async function build({ root }) {
  await esbuild({
    entryPoints: [resolve(root, 'cli/cic.ts')],
    outfile: resolve(root, 'dist/cli/cic.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    packages: 'external',
    logLevel: 'warning',
  });
}
