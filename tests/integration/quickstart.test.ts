/**
 * The README's first command, as a user runs it: `npm start` (scripts/start.mjs) brings up Azurite, seeds
 * the committed default release, serves the API and the add-in, answers LAIT-exact, and stops cleanly on
 * Ctrl-C. Ports are free ones and Azurite's data goes to a temporary folder, so a developer's own stack is untouched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const freePort = () => new Promise<number>((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => ok(port));
  });
});

describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let api = '';
  let addin = '';
  const dir = mkdtempSync(join(tmpdir(), 'cic-start-'));

  beforeAll(async () => {
    const [port, azurite, addinPort] = [await freePort(), await freePort(), await freePort()];
    api = `http://127.0.0.1:${port}/api`;
    addin = `http://localhost:${addinPort}`;
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, CIC_PORT: String(port), CIC_AZURITE_PORT: String(azurite), CIC_ADDIN_PORT: String(addinPort), CIC_AZURITE_LOCATION: dir, CIC_USE_FUNC: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (output += String(d)));
    child.stderr?.on('data', (d) => (output += String(d)));
    const deadline = Date.now() + 60_000;
    while (!/Ctrl-C stops everything/.test(output)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints its URLs and seeds the default release into the empty store', () => {
    expect(output).toMatch(/Imported dfe-lait-2026-04: 640,900 values/);
    expect(output).toContain(`${api.replace('/api', '')}/api/health`);
    expect(output).toMatch(/Sideload\s+Excel/);
  });

  it('answers LAIT-exact over HTTP, directly and through the add-in server', async () => {
    expect(await (await fetch(`${api}/health`)).json()).toMatchObject({ status: 'ok', current: 'dfe-lait-2026-04' });
    const dist = (await (await fetch(`${api}/distributions/LACStable_2016on?year=2025`)).json()) as { n: number; boundaries: number[] };
    expect([dist.n, dist.boundaries]).toEqual([151, [0, 8, 10, 12, 18]]);
    const lookup = await fetch(`${addin}/api/lookup`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ fn: 'BAND', args: ['LACStable_2016on', 14, '2025'] }] }),
    });
    expect(await lookup.json()).toEqual({ release: 'dfe-lait-2026-04', results: [{ value: 'D' }] });
    expect((await fetch(`${addin}/taskpane.html`)).status).toBe(200);
  });

  it('stops everything on Ctrl-C (SIGINT) and exits 0', async () => {
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`${api}/health`)).rejects.toThrow();
  });
});
