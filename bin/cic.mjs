#!/usr/bin/env node
// `cic`: the benchmark engine on the command line. The code lives in dist/ (built by `npm run build`, run on install).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/cic.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  console.error('cic: not built yet; run `npm run build` first');
  process.exit(2);
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
