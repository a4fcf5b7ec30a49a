#!/usr/bin/env node
// Builds every deployable part. Each part owns its build module; this runs them in order and fails on the first error.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addinSettings } from '../addin/build/settings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Settings are checked before anything is built: a wrong value costs one line, not a half-built dist/.
try {
  addinSettings(process.env, process.argv.includes('--production'));
} catch (e) {
  console.error(`build: ${e.message}`);
  process.exit(1);
}
const parts = ['cli/build/build.mjs', 'functions/build/build.mjs', 'addin/build/build.mjs'];
for (const part of parts) {
  const file = resolve(root, part);
  if (!existsSync(file)) continue;
  const started = Date.now();
  const mod = await import(pathToFileURL(file).href);
  try {
    await mod.build({ root, production: process.argv.includes('--production') });
  } catch (e) {
    // A setting or manifest problem is the user's to fix: one line, no stack trace.
    if (e?.name === 'SettingsError' || (e instanceof Error && /^(manifest\.xml|production build|CIC_)/.test(e.message))) {
      console.error(`build: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  console.log(`built ${part.split('/')[0]} in ${Date.now() - started} ms`);
}
