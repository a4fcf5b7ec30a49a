/**
 * `npm start` (scripts/start.mjs) on spare ports, as a user runs it, around crashes: a port already taken
 * is named with what to do before anything starts (it used to die with EADDRINUSE and Azurite's log), a
 * nearly full disk is refused, and however npm start ends (SIGTERM, SIGHUP, SIGKILL) the Azurite it started
 * goes too, so the next npm start on the same ports and data comes up (an orphaned Azurite used to hold
 * its port). Ctrl-C is tests/integration/quickstart.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

/** Whether something accepts connections on 127.0.0.1:port. */
const listening = (port: number) =>
  new Promise<boolean>((ok) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), ok(true)));
    socket.once('error', () => ok(false));
  });

const dir = mkdtempSync(join(tmpdir(), 'cic-start-life-'));
const started: ChildProcess[] = [];
const held: Server[] = [];
afterAll(() => {
  for (const c of started) if (c.exitCode === null) c.kill('SIGKILL');
  for (const s of held) s.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Ports {
  api: number;
  azurite: number;
  addin: number;
}

function start(ports: Ports, env: Record<string, string> = {}): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: {
      ...process.env,
      CIC_PORT: String(ports.api),
      CIC_AZURITE_PORT: String(ports.azurite),
      CIC_ADDIN_PORT: String(ports.addin),
      CIC_AZURITE_LOCATION: join(dir, 'azurite'),
      CIC_USE_FUNC: '0',
      CIC_HTTP: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return { child, output: () => output, exited };
}

async function up(ports: Ports, env: Record<string, string> = {}) {
  const s = start(ports, env);
  const deadline = Date.now() + 120_000;
  while (!/Ctrl-C stops everything/.test(s.output())) {
    if (s.child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return s;
}

/** Wait until nothing listens on the port any more (bounded by the test's timeout, not asserted as a time). */
async function released(port: number): Promise<boolean> {
  while (await listening(port)) await new Promise((r) => setTimeout(r, 200));
  return true;
}

const ports = async (): Promise<Ports> => ({ api: await freePort(), azurite: await freePort(), addin: await freePort() });

describe('npm start before it starts anything', () => {
  it.each([
    ['azurite', 'Azurite', 'CIC_AZURITE_PORT'],
    ['api', 'the Functions app', 'CIC_PORT'],
    ['addin', "the add-in's files", 'CIC_ADDIN_PORT'],
  ] as const)('a taken %s port: one line naming the port and what to do, exit 1, nothing started', async (which, what, setting) => {
    const p = await ports();
    const holder = createServer();
    held.push(holder);
    await new Promise<void>((ok) => holder.listen(p[which], '127.0.0.1', ok));
    const s = start(p);
    expect(await s.exited).toBe(1);
    const lines = s.output().trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(
      new RegExp(`^npm start: port ${p[which]} on (127\\.0\\.0\\.1|localhost) \\(${what}; ${setting}\\) is in use .* set ${setting} to a free port$`),
    );
    expect(s.output()).not.toMatch(/EADDRINUSE|\n\s+at /);
    for (const other of Object.values(p).filter((x) => x !== p[which])) expect(await listening(other)).toBe(false);
  });

  it('a nearly full disk under the data folder: one line, exit 1, Azurite not started', async () => {
    const p = await ports();
    const s = start(p, { CIC_MIN_FREE_MB: String(Number.MAX_SAFE_INTEGER / 1024 / 1024) });
    expect(await s.exited).toBe(1);
    expect(s.output().trimEnd().split('\n').at(-1)).toMatch(
      /^npm start: only \d+ MB free on the disk holding .*azurite \(Azurite's data\); npm start needs \d+ MB \(CIC_MIN_FREE_MB\)/,
    );
    expect(await listening(p.azurite)).toBe(false);
  });
});

describe('npm start killed', () => {
  it.each(['SIGKILL', 'SIGTERM', 'SIGHUP'] as const)(
    'by %s: its Azurite and servers stop, and the next npm start on the same ports and data comes up',
    async (signal) => {
      const p = await ports();
      const first = await up(p);
      expect(await listening(p.azurite)).toBe(true);
      first.child.kill(signal);
      await first.exited;
      expect(await released(p.azurite)).toBe(true);
      expect(await released(p.api)).toBe(true);
      const second = await up(p);
      expect(second.output()).toMatch(/Current release {2}\S+/); // the data the first one seeded, saved by its Azurite
      expect(await (await fetch(`http://127.0.0.1:${p.api}/api/health`)).json()).toMatchObject({ status: 'ok' });
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
      expect(await released(p.azurite)).toBe(true);
    },
    240_000,
  );
});
