/**
 * The README's first command, as a user runs it: `npm start` (scripts/start.mjs) brings up Azurite, seeds
 * the committed default release, serves the API and the add-in, answers LAIT-exact, and stops cleanly on
 * Ctrl-C. The add-in is served over HTTPS by default with Office dev certificates generated into a temporary
 * folder, and the test trusts only that folder's CA: the pane really is reachable the way Excel reaches it.
 * Ports are free ones and Azurite's data goes to a temporary folder, so a developer's own stack is untouched.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../node/release-file';

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

/** GET over HTTPS trusting exactly one CA (Node's fetch takes no CA). */
const httpsGet = (url: string, ca: Buffer) =>
  new Promise<{ status: number; body: string }>((ok, fail) => {
    request(url, { ca }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    })
      .on('error', fail)
      .end();
  });

/**
 * The shell examples that call the running service: every `curl` line (with its continuation lines) in the
 * README's and docs/service.md's code blocks, and docs/service.md's local upload and publish steps.
 */
function docExamples(): string[] {
  const out: string[] = [];
  for (const file of ['README.md', 'docs/service.md']) {
    const text = readFileSync(file, 'utf8');
    for (const [, block] of text.matchAll(/```sh\n([\s\S]*?)```/g))
      for (const line of block!.replace(/\\\n\s*/g, ' ').split('\n')) if (/^curl /.test(line.trim())) out.push(line.trim());
  }
  // "Publish a new DfE release", steps 3 and 4, which the docs say work locally as they stand.
  const steps = readFileSync('docs/service.md', 'utf8').split('## Publish a new DfE release')[1]!;
  const upload = /`(curl -X PUT [^`]+)`/.exec(steps)![1]!;
  const etag = /`(ETAG=\$\(curl -sI [^`]+)`/.exec(steps)![1]!;
  const publish = /`(curl -X POST [^`]+\/publish [^`]+)`/.exec(steps)![1]!;
  out.push(upload, `${etag}; test -n "$ETAG"; ${publish}`);
  return out;
}

describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let api = '';
  let addin = '';
  const dir = mkdtempSync(join(tmpdir(), 'cic-start-'));

  beforeAll(async () => {
    const [port, azurite, addinPort] = [await freePort(), await freePort(), await freePort()];
    api = `http://127.0.0.1:${port}/api`;
    addin = `https://localhost:${addinPort}`;
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: {
        ...process.env,
        CIC_PORT: String(port),
        CIC_AZURITE_PORT: String(azurite),
        CIC_ADDIN_PORT: String(addinPort),
        CIC_AZURITE_LOCATION: dir,
        CIC_USE_FUNC: '0',
        CIC_DEV_CERTS: join(dir, 'certs'),
      },
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
    // Every value cell of the committed default release (LA × year × indicator), as npm start reports it.
    const release = readReleaseFile();
    const cells = Object.values(release.values).reduce((n, byYear) => n + Object.values(byYear).reduce((m, col) => m + col.length, 0), 0);
    expect(output).toContain(`Imported ${release.id}: ${cells.toLocaleString('en-GB')} values`);
    expect(output).toContain(`${api.replace('/api', '')}/api/health`);
    expect(output).toMatch(/Sideload\s+Excel/);
  });

  it('answers LAIT-exact over HTTP, directly and through the add-in server', async () => {
    expect(await (await fetch(`${api}/health`)).json()).toMatchObject({ status: 'ok', current: 'dfe-lait-2026-04-r2' });
    const dist = (await (await fetch(`${api}/distributions/LACStable_2016on?year=2025`)).json()) as { n: number; boundaries: number[] };
    expect([dist.n, dist.boundaries]).toEqual([151, [0, 8, 10, 12, 18]]);
    const ca = readFileSync(join(dir, 'certs', 'ca.crt'));
    const proxied = await httpsGet(`${addin}/api/distributions/LACStable_2016on?year=2025`, ca);
    expect(JSON.parse(proxied.body)).toMatchObject({ n: 151, boundaries: [0, 8, 10, 12, 18] });
    const pane = await httpsGet(`${addin}/taskpane.html`, ca);
    expect(pane.status).toBe(200);
    expect(pane.body).toContain('<title>');
  });

  it('serves HTTPS with Office dev certificates it generated, and prints how to trust them', () => {
    expect(output).toMatch(/Add-in files\s+https:\/\/localhost:\d+\//);
    expect(output).toMatch(/HTTPS with the Office dev certificates in .*certs \(generated now/);
    expect(output).toMatch(/run once: (sudo cp|security add-trusted-cert|powershell).*ca\.crt/);
  });

  it('writes and serves a manifest for its add-in port (CIC_ADDIN_PORT), and prints that one to sideload', async () => {
    const printed = /Upload My Add-in → (\S+manifest\.xml)/.exec(output)?.[1];
    expect(printed).toBeDefined();
    const manifest = readFileSync(printed!, 'utf8');
    expect(manifest).toContain(`${addin}/taskpane.html`);
    expect(manifest).not.toContain('localhost:3000');
    const ca = readFileSync(join(dir, 'certs', 'ca.crt'));
    expect((await httpsGet(`${addin}/manifest.xml`, ca)).body).toBe(manifest);
    const functionsJson = (await httpsGet(`${addin}/functions.json`, ca)).body;
    expect(functionsJson).toContain(addin);
    expect(functionsJson).not.toContain('localhost:3000');
    // The default build, which the other tests read, is left as it is.
    expect(readFileSync('dist/addin/manifest.xml', 'utf8')).toContain('https://localhost:3000/taskpane.html');
  });

  it("runs every curl example of the README and docs/service.md as written (the service's port for 7071)", () => {
    const examples = docExamples();
    expect(examples.length).toBeGreaterThanOrEqual(9);
    const port = new URL(api).port;
    const releaseId = readReleaseFile().id;
    for (const example of examples) {
      // The write examples name placeholders; the docs say which local values they take ("Locally …").
      const command = example
        .replaceAll('127.0.0.1:7071', `127.0.0.1:${port}`)
        .replaceAll('https://<app>', `http://127.0.0.1:${port}`)
        .replaceAll('data/releases/<id>.json.gz', 'data/releases/default.json.gz')
        .replaceAll('<id>', releaseId)
        .replaceAll('<key>', 'cic-local-dev-key')
        .replace(/ -H "authorization: Bearer <token>"/g, '');
      expect(command, example).not.toMatch(/<\w+>/);
      const r = spawnSync('bash', ['-c', `set -euo pipefail; ${command.replace(/\bcurl /g, 'curl -sS --fail-with-body ')}`], { encoding: 'utf8' });
      expect([r.status, r.stderr], `${example}\n${r.stdout}`).toEqual([0, '']);
      if (/\/api\/lookup/.test(command)) {
        const { results } = JSON.parse(r.stdout) as { results: ({ value: unknown } | { error: unknown })[] };
        for (const x of results) expect(x, `${example}\n${r.stdout}`).toHaveProperty('value');
      }
    }
  });

  it('stops everything on Ctrl-C (SIGINT) and exits 0', async () => {
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`${api}/health`)).rejects.toThrow();
  });
});
