/**
 * `npm run build -- --production`: every setting checked before anything is built (one line, exit 1, no
 * stack trace), and a production manifest carrying only the production URLs that passes the offline check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../../addin/build/build.mjs';
import { checkManifest } from '../../../addin/build/manifest-check';
import { addinSettings } from '../../../addin/build/settings.mjs';

describe('production build settings', () => {
  it.each([
    [{}, /set CIC_ADDIN_BASE_URL/],
    [{ CIC_ADDIN_BASE_URL: 'http://cic.example.gov.uk' }, /must use https/],
    [{ CIC_ADDIN_BASE_URL: 'cic.example.gov.uk' }, /must be an https URL/],
    [{ CIC_ADDIN_BASE_URL: 'https://cic.example.gov.uk/addin' }, /without a path/],
    [{ CIC_ADDIN_BASE_URL: 'https://localhost:3000' }, /points at this machine/],
    [{ CIC_ADDIN_BASE_URL: 'https://cic.example.gov.uk', CIC_API_BASE_URL: 'https://api.example.gov.uk' }, /must end in \/api/],
    [{ CIC_ADDIN_BASE_URL: 'https://cic.example.gov.uk', CIC_API_BASE_URL: 'https://u:p@api.example.gov.uk/api' }, /without credentials/],
  ])('%j is refused: %s', (env, message) => {
    expect(() => addinSettings(env, true)).toThrow(message);
  });

  it('accepts an https origin (trailing slash trimmed) and an https API ending in /api', () => {
    expect(addinSettings({ CIC_ADDIN_BASE_URL: 'https://cic.example.gov.uk/', CIC_API_BASE_URL: 'https://api.example.gov.uk/api/' }, true)).toEqual({
      base: 'https://cic.example.gov.uk',
      apiBase: 'https://api.example.gov.uk/api',
    });
  });

  it('a development build names the port CIC_ADDIN_PORT gives (npm start serves it there), 3000 without it', () => {
    expect(addinSettings({}, false).base).toBe('https://localhost:3000');
    expect(addinSettings({ CIC_ADDIN_PORT: '' }, false).base).toBe('https://localhost:3000');
    expect(addinSettings({ CIC_ADDIN_PORT: '3100' }, false).base).toBe('https://localhost:3100');
    for (const bad of ['0', '70000', 'x', '31.5']) expect(() => addinSettings({ CIC_ADDIN_PORT: bad }, false)).toThrow(/CIC_ADDIN_PORT must be a port number/);
  });

  it('npm run build -- --production with a bad setting: one line, exit 1, nothing built', () => {
    const r = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], {
      env: { ...process.env, CIC_ADDIN_BASE_URL: 'http://x.example' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^build: CIC_ADDIN_BASE_URL must use https/)]);
    expect(r.stdout).not.toMatch(/built /);
  });
});

describe('production manifest', async () => {
  const out = mkdtempSync(join(tmpdir(), 'cic-prod-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  await build({
    root: process.cwd(),
    production: true,
    out,
    env: { CIC_ADDIN_BASE_URL: 'https://cic-addin.example.gov.uk', CIC_API_BASE_URL: 'https://cic-api.example.gov.uk/api' },
  });
  const manifest = readFileSync(join(out, 'manifest.xml'), 'utf8');

  it('passes the offline manifest check', () => expect(checkManifest(manifest)).toEqual([]));

  it('names only production URLs: no localhost anywhere Office reads', () => {
    for (const f of ['manifest.xml', 'functions.json', 'taskpane.html']) expect(readFileSync(join(out, f), 'utf8'), f).not.toMatch(/localhost/);
    expect(manifest).toContain('https://cic-addin.example.gov.uk/taskpane.html');
    expect(manifest).toContain('https://cic-addin.example.gov.uk/functions.json');
  });

  it('admits the API origin in AppDomains and the pane CSP', () => {
    expect(manifest).toMatch(/<AppDomain>https:\/\/cic-api\.example\.gov\.uk<\/AppDomain>/);
    expect(readFileSync(join(out, 'taskpane.html'), 'utf8')).toMatch(/connect-src 'self' https:\/\/cic-api\.example\.gov\.uk/);
  });

  it('builds every icon the manifest names: a PNG of the size it is named for', () => {
    const icons = [...manifest.matchAll(/<(IconUrl|HighResolutionIconUrl|bt:Image)\b[^>]*DefaultValue="https:\/\/cic-addin\.example\.gov\.uk\/([^"]+)"/g)];
    expect(icons.map((m) => m[2]).sort()).toEqual([
      'assets/icon-16.png',
      'assets/icon-32.png',
      'assets/icon-32.png',
      'assets/icon-64.png',
      'assets/icon-80.png',
    ]);
    for (const [, , path] of icons) {
      const png = readFileSync(join(out, path!));
      expect(png.subarray(0, 8).toString('hex'), path).toBe('89504e470d0a1a0a');
      const size = Number(/icon-(\d+)\.png$/.exec(path!)![1]);
      // IHDR: width and height, big-endian, after the signature and the chunk's length and type.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], path).toEqual([size, size]);
    }
    // The sizes Office asks for: 32 (IconUrl), 64 (HighResolutionIconUrl), 16/32/80 on the ribbon.
    expect(manifest).toMatch(/<IconUrl DefaultValue="[^"]*icon-32\.png"/);
    expect(manifest).toMatch(/<HighResolutionIconUrl DefaultValue="[^"]*icon-64\.png"/);
    for (const n of [16, 32, 80]) expect(manifest).toMatch(new RegExp(`<bt:Image id="Icon\\.${n}x${n}" DefaultValue="[^"]*icon-${n}\\.png"`));
  });

  it('every help link points at the production help page', () => {
    const fns = (JSON.parse(readFileSync(join(out, 'functions.json'), 'utf8')) as { functions: { id: string; helpUrl: string }[] }).functions;
    for (const f of fns) expect(f.helpUrl).toBe(`https://cic-addin.example.gov.uk/help.html#${f.id}`);
  });
});
