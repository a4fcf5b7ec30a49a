/**
 * The layers point inward: shared/ is the pure core (no Node, no DOM — the DOM half is also enforced by
 * tsconfig.shared.json, which type-checks shared/ with neither's types); node/ is the Node adapter the CLI
 * and the Functions app share; the edges (addin, functions, cli) import the core, never each other.
 * The rules are eslint.config.mjs's LAYERS (which the editor shows); this test checks them over the
 * import graph read from the source, dynamic imports included, and what only the graph shows: what the
 * add-in bundle and the deployable app pull in. A new file is covered the moment it exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../../eslint.config.mjs';

const ROOT = process.cwd();
const SOURCE = /\.(ts|mts|mjs)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = posix.join(dir, name);
    return statSync(join(ROOT, rel)).isDirectory() ? filesUnder(rel) : SOURCE.test(name) && !name.endsWith('.d.mts') ? [rel] : [];
  });
}

const IMPORT = /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

/** Specifiers a file imports: relative ones resolved to repo paths, bare ones as written. */
function importsOf(file: string): { local: string[]; bare: string[] } {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const local: string[] = [];
  const bare: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (!spec.startsWith('.')) {
      bare.push(spec);
      continue;
    }
    const target = posix.normalize(posix.join(dirname(file), spec));
    const hit = ['', '.ts', '.mts', '.mjs', '/index.ts']
      .map((e) => target + e)
      .find((p) => {
        try {
          return statSync(join(ROOT, p)).isFile();
        } catch {
          return false;
        }
      });
    local.push(hit ?? target);
  }
  return { local, bare };
}

const PARTS = ['shared', 'node', 'functions/src', 'addin', 'cli'] as const;
const files = PARTS.flatMap((p) => filesUnder(p));
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const within = (f: string, ...dirs: string[]): boolean => dirs.some((d) => f.startsWith(`${d}/`));

function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const g of graph.get(f)?.local ?? []) visit(g);
  };
  visit(entry);
  return seen;
}

const violations = (select: (f: string) => boolean, allowed: (target: string) => boolean): string[] =>
  files.filter(select).flatMap((f) =>
    graph
      .get(f)!
      .local.filter((t) => !allowed(t))
      .map((t) => `${f} → ${t}`),
  );

describe('layers', () => {
  it('sees the source (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(80);
    expect(graph.get('addin/cells/run.ts')!.local).toContain('shared/formulas/invoke.ts');
  });

  it.each(LAYERS.map((l) => [l.root, l] as const))('%s/ imports only what eslint.config.mjs allows it', (_root, layer) => {
    const except = layer.except ?? [];
    const governed = (f: string): boolean => within(f, layer.root) && !within(f, ...except);
    expect(violations(governed, (t) => within(t, ...layer.allowed) && !within(t, ...except))).toEqual([]);
    const bare = layer.bare ? new RegExp(layer.bare) : null;
    expect(
      files.filter(governed).flatMap((f) =>
        graph
          .get(f)!
          .bare.filter((b) => bare?.test(b))
          .map((b) => `${f} → ${b}`),
      ),
    ).toEqual([]);
  });

  it('every part is governed by a layer', () => {
    expect(LAYERS.map((l) => l.root).sort()).toEqual([...PARTS].sort());
  });

  it('the add-in bundle reaches zod only through zod/mini (classic zod would add ~450 KB)', () => {
    const bundle = closure('addin/taskpane/taskpane.ts');
    expect(bundle.has('shared/formulas/index.ts')).toBe(true);
    // A type-only import of classic zod costs nothing: it is erased before bundling.
    const valueImportOfZod = /^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s*['"]zod['"]/m;
    expect([...bundle].filter((f) => valueImportOfZod.test(readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('the deployable Functions app carries no development host', () => {
    const app = closure('functions/src/app.ts');
    expect(app.size).toBeGreaterThan(20);
    expect([...app].filter((f) => within(f, 'functions/src/dev') || f === 'functions/src/local-host.ts')).toEqual([]);
  });
});

it('no code comment points at a file outside the repository', () => {
  const all = [...files, ...filesUnder('tests'), ...filesUnder('scripts')].filter((f) => f !== 'tests/unit/architecture/layers.test.ts');
  const outside = all.filter((f) => /design\.md|\.\.\/shared\/design/.test(readFileSync(join(ROOT, f), 'utf8'))).map((f) => relative(ROOT, join(ROOT, f)));
  expect(outside).toEqual([]);
});
