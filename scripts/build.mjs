#!/usr/bin/env node
// Builds every deployable part. Each part owns its build module; this runs them in order and fails on the first error.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const parts = ['cli/build/build.mjs', 'functions/build/build.mjs', 'addin/build/build.mjs'];
for (const part of parts) {
  const file = resolve(root, part);
  if (!existsSync(file)) continue;
  const started = Date.now();
  const mod = await import(pathToFileURL(file).href);
  await mod.build({ root, production: process.argv.includes('--production') });
  console.log(`built ${part.split('/')[0]} in ${Date.now() - started} ms`);
}
