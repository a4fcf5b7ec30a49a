/**
 * `cic publish` against the real local service (Azurite + the local host): upload, verify, publish with
 * If-Match, idempotent when re-run, and one clear line with exit 1 when something is wrong.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishCommand, type PublishIo } from '../../cli/publish';
import { writeReleaseFile } from '../../node/release-file';
import { syntheticRelease } from './fixture';
import { startStack, WRITE_KEY, type Stack } from './stack';

let stack: Stack;
const dir = mkdtempSync(join(tmpdir(), 'cic-publish-'));
beforeAll(async () => {
  stack = await startStack({ CIC_CURRENT_TTL_MS: '0' });
});
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function publish(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: PublishIo = {
    out: (l) => void out.push(l),
    err: (l) => void err.push(l),
    env: { CIC_API_URL: `${stack.url}/api`, CIC_WRITE_KEY: WRITE_KEY, ...env },
    fetch,
  };
  const code = await publishCommand(args, io);
  return { code, out: out.join('\n'), err };
}

const current = async () => ((await (await stack.api('/api/health')).json()) as { current: string | null }).current;
const file = (id: string, tweak = 0) => {
  const path = join(dir, `${id}-${tweak}.json.gz`);
  writeReleaseFile(path, syntheticRelease(id, tweak));
  return path;
};

describe('cic publish', () => {
  it('uploads, verifies and publishes a release into an empty service', async () => {
    const r = await publish(['--release', file('pub-1')]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\[1\/5\].*\n.*release pub-1/);
    expect(r.out).toMatch(/\[3\/5\] uploading \d+ KB\n\s+stored and verified/);
    expect(r.out).toMatch(/hash matches; \S+ \S+: n = \d+ on both sides/);
    expect(r.out).toMatch(/done: pub-1 is now the current release \(was none\)/);
    expect(await current()).toBe('pub-1');
  });

  it('is idempotent: re-running changes nothing and says so', async () => {
    const r = await publish(['--release', file('pub-1')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/already uploaded with the same content/);
    expect(r.out).toMatch(/upload skipped/);
    expect(r.out).toMatch(/done: pub-1 is already the current release; nothing changed/);
    expect(await current()).toBe('pub-1');
  });

  it('publishes the next release over the one it read (If-Match), naming the previous', async () => {
    const r = await publish(['--release', file('pub-2')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/done: pub-2 is now the current release \(was pub-1\)/);
    expect(await current()).toBe('pub-2');
  });

  it('--no-publish uploads and verifies only', async () => {
    const r = await publish(['--release', file('pub-3'), '--no-publish']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/not published/);
    expect(await current()).toBe('pub-2');
    expect((await stack.store.releaseInfo('pub-3'))?.status).toBe('complete');
  });

  it.each([
    [
      'an id that exists with other content',
      () => ['--release', file('pub-1', 1)],
      {},
      /release pub-1 already exists on the service with other content.*use a new --id/,
    ],
    ['a wrong write key', () => ['--release', file('pub-4')], { CIC_WRITE_KEY: 'wrong' }, /^cic publish: upload: HTTP 401/],
    [
      'an unreachable service',
      () => ['--release', file('pub-5')],
      { CIC_API_URL: 'http://127.0.0.1:9/api' },
      /^cic publish: cannot reach http:\/\/127\.0\.0\.1:9\/api/,
    ],
    ['a damaged file', () => ['--release', join(dir, 'missing.json.gz')], {}, /^cic publish: .*missing\.json\.gz/],
  ])('fails with one line and exit 1 on %s, publishing nothing', async (_what, args, env, message) => {
    const before = await current();
    const r = await publish(args(), env as Record<string, string>);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
    expect(await current()).toBe(before);
  });

  it('refuses ambiguous arguments with usage (exit 2)', async () => {
    expect((await publish([])).code).toBe(2);
    expect((await publish(['--release', 'a', '--from', 'b'])).code).toBe(2);
  });
});
