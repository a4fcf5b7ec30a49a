/**
 * npm start's checks before it starts anything (a port already taken, a nearly full disk), and its guarded
 * children, which stop when npm start dies however it dies (here: SIGKILL, which no handler can see).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttp } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { diskProblem, minFreeBytes, portProblem, DEFAULT_MIN_FREE_MB } from '../../../scripts/preflight.mjs';

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));
const listen = async (server: Server): Promise<number> => {
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return (server.address() as AddressInfo).port;
};

describe('portProblem', () => {
  it('is null for a free port', async () => {
    const port = await listen(createServer());
    await new Promise<void>((ok) => servers.pop()!.close(() => ok()));
    expect(await portProblem('127.0.0.1', port, 'Azurite', 'CIC_AZURITE_PORT')).toBeNull();
  });

  it('names the port, the part and the setting when another program holds it', async () => {
    const port = await listen(createServer());
    const line = await portProblem('127.0.0.1', port, 'the Functions app', 'CIC_PORT');
    expect(line).toMatch(
      new RegExp(`^port ${port} on 127\\.0\\.0\\.1 \\(the Functions app; CIC_PORT\\) is in use by another program: stop it .* or set CIC_PORT to a free port$`),
    );
    expect(line).not.toContain('\n');
  });

  it('says when the holder is an Azurite left running, and how to stop it so it saves', async () => {
    const port = await listen(createHttp((_req, res) => res.writeHead(403, { server: 'Azurite-Table/3.35.0' }).end()));
    expect(await portProblem('127.0.0.1', port, 'Azurite', 'CIC_AZURITE_PORT')).toMatch(
      new RegExp(
        `^port ${port} on 127\\.0\\.0\\.1 \\(Azurite; CIC_AZURITE_PORT\\) is held by an Azurite still running, probably from an earlier npm start that crashed: stop it \\(kill -INT`,
      ),
    );
  });
});

describe('diskProblem', () => {
  it('is null with enough space, and one line naming the folder and the setting without', async () => {
    expect(await diskProblem(tmpdir(), 0)).toBeNull();
    const line = await diskProblem(tmpdir(), Number.MAX_SAFE_INTEGER);
    expect(line).toMatch(new RegExp(`^only \\d+ MB free on the disk holding ${tmpdir()} \\(Azurite's data\\); npm start needs \\d+ MB \\(CIC_MIN_FREE_MB\\)`));
    expect(line).not.toContain('\n');
  });

  it('CIC_MIN_FREE_MB: default 200 MB, a number of MB, anything else refused', () => {
    expect(minFreeBytes({})).toBe(DEFAULT_MIN_FREE_MB * 1024 * 1024);
    expect(minFreeBytes({ CIC_MIN_FREE_MB: '0' })).toBe(0);
    expect(minFreeBytes({ CIC_MIN_FREE_MB: '1.5' })).toBe(1.5 * 1024 * 1024);
    expect(() => minFreeBytes({ CIC_MIN_FREE_MB: 'lots' })).toThrow(/^CIC_MIN_FREE_MB is not a number/);
  });
});

/** Whether a process is gone (or a zombie nobody has reaped yet, which holds nothing). */
const gone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return / Z /.test(stat.slice(stat.lastIndexOf(')')));
};

describe('spawnGuarded', () => {
  it('stops the child when its parent is killed with SIGKILL', async () => {
    // A parent that starts a guarded long-running child, prints the child's pid, and then is killed outright.
    const parent = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { spawnGuarded } from ${JSON.stringify(new URL('../../../scripts/preflight.mjs', import.meta.url).href)};
         const guard = spawnGuarded(process.execPath, ['-e', 'console.log(process.pid); setInterval(() => {}, 1000)'], { stdio: ['ignore', 'inherit', 'inherit'] });
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pid = await new Promise<number>((ok) => parent.stdout!.once('data', (d) => ok(Number(String(d).trim()))));
    expect(gone(pid)).toBe(false);
    parent.kill('SIGKILL');
    // Poll (no timing asserted): the child must go; the test's own timeout is the bound.
    while (!gone(pid)) await new Promise((r) => setTimeout(r, 100));
    expect(gone(pid)).toBe(true);
  });
});
