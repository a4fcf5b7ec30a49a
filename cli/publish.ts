/**
 * `cic publish`: what the team that refreshes the data runs — build (or read) a release, upload it, check
 * that the service holds exactly it, and make it current only over the release they saw (If-Match).
 * Every step says what it did; re-running after any failure, or after success, is safe: an upload of the
 * same content is a no-op and a release that is already current is left alone.
 */
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildRelease } from '../shared/importers/build-release';
import type { Release } from '../shared/release/schema';
import { readReleaseFile, sha256Hex } from '../node/release-file';
import { readInputs } from './import';

const USAGE =
  'usage: cic publish (--from DIR | --release FILE) [--id ID] [--title TEXT] [--api URL] [--key KEY] [--token TOKEN] [--no-publish]\n' +
  '  --api defaults to $CIC_API_URL or http://127.0.0.1:7071/api; --key to $CIC_WRITE_KEY; --token to $CIC_TOKEN (an Entra ID access token with the publish role)\n';

export interface PublishIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
}

const defaultIo: PublishIo = {
  out: (l) => void process.stdout.write(`${l}\n`),
  err: (l) => void process.stderr.write(`${l}\n`),
  env: process.env,
  fetch: (...a) => fetch(...a),
};

class StepError extends Error {}

/** One line from a problem+json (or any) error response. */
async function failure(step: string, res: Response): Promise<StepError> {
  const text = await res.text().catch(() => '');
  let detail = text.slice(0, 300);
  try {
    const p = JSON.parse(text) as { title?: string; detail?: string };
    detail = [p.title, p.detail].filter(Boolean).join(': ');
  } catch {
    // not JSON: the raw text will do
  }
  return new StepError(`${step}: HTTP ${res.status}${detail ? ` ${detail}` : ''}`);
}

export async function publishCommand(args: string[], io: PublishIo = defaultIo): Promise<number> {
  let opts;
  try {
    opts = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        release: { type: 'string' },
        id: { type: 'string' },
        title: { type: 'string' },
        api: { type: 'string' },
        key: { type: 'string' },
        token: { type: 'string' },
        'no-publish': { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    io.err(`cic publish: ${(e as Error).message}`);
    io.err(USAGE.trimEnd());
    return 2;
  }
  if (Boolean(opts.from) === Boolean(opts.release)) {
    io.err('cic publish: give exactly one of --from DIR (DfE files to import) or --release FILE');
    io.err(USAGE.trimEnd());
    return 2;
  }
  const api = (opts.api ?? io.env.CIC_API_URL ?? 'http://127.0.0.1:7071/api').replace(/\/+$/, '');
  const key = opts.key ?? io.env.CIC_WRITE_KEY;
  const token = opts.token ?? io.env.CIC_TOKEN;
  const writeHeaders: Record<string, string> = { ...(key ? { 'x-functions-key': key } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    try {
      return await io.fetch(`${api}${path}`, init);
    } catch (e) {
      throw new StepError(`cannot reach ${api} (${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message})`);
    }
  };

  try {
    // 1. The release, built here from the DfE files or read from a file (both verify the content hash).
    let release: Release;
    if (opts.from) {
      io.out(`[1/5] importing DfE files from ${opts.from}`);
      try {
        release = buildRelease(readInputs(opts.from), { sha256: sha256Hex, ...(opts.id ? { id: opts.id } : {}), ...(opts.title ? { title: opts.title } : {}) });
      } catch (e) {
        throw new StepError(`import: ${(e as Error).message}`);
      }
    } else {
      io.out(`[1/5] reading ${opts.release}`);
      try {
        release = readReleaseFile(opts.release!);
      } catch (e) {
        throw new StepError((e as Error).message);
      }
      if (opts.id && opts.id !== release.id)
        throw new StepError(`--id ${opts.id} differs from the file's own id ${release.id}; a release's id is part of its content`);
    }
    const { id } = release;
    io.out(`      release ${id}: ${release.indicators.length} indicators, ${release.las.length} geographies, hash ${release.contentHash.slice(0, 12)}…`);

    // 2. Does the service already hold this id? Same content → nothing to upload; other content → refuse.
    io.out(`[2/5] checking ${api}/releases/${id}`);
    const existing = await call(`/releases/${encodeURIComponent(id)}`);
    let upload = true;
    if (existing.status === 200) {
      const info = (await existing.json()) as { contentHash?: string };
      if (info.contentHash !== release.contentHash) {
        throw new StepError(
          `release ${id} already exists on the service with other content (hash ${String(info.contentHash).slice(0, 12)}…); releases are immutable: use a new --id`,
        );
      }
      upload = false;
      io.out('      already uploaded with the same content');
    } else if (existing.status !== 404) {
      throw await failure('check', existing);
    }

    // 3. Upload, gzipped (the whole LAIT set: 3.6 MB of JSON, 1 MB gzipped).
    if (upload) {
      const body = gzipSync(JSON.stringify(release), { level: 9 });
      io.out(`[3/5] uploading ${(body.length / 1024).toFixed(0)} KB`);
      const res = await call(`/releases/${encodeURIComponent(id)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...writeHeaders },
        body,
      });
      if (res.status !== 201 && res.status !== 200) throw await failure('upload', res);
      io.out(res.status === 201 ? '      stored and verified by the service' : '      the service already had it');
    } else {
      io.out('[3/5] upload skipped');
    }

    // 4. Verify: the service's own record of the release, and one distribution computed both sides.
    io.out('[4/5] verifying');
    const stored = await call(`/releases/${encodeURIComponent(id)}`);
    if (stored.status !== 200) throw await failure('verify', stored);
    const info = (await stored.json()) as { contentHash?: string; indicators?: number };
    if (info.contentHash !== release.contentHash)
      throw new StepError(`verify: the service reports hash ${String(info.contentHash).slice(0, 12)}…, not ${release.contentHash.slice(0, 12)}…`);
    const probe = release.indicators.find((i) => Object.keys(release.values[i.key] ?? {}).length > 0);
    if (probe) {
      const year = probe.years[probe.years.length - 1]!;
      const res = await call(`/distributions/${encodeURIComponent(probe.key)}?year=${encodeURIComponent(year)}&release=${encodeURIComponent(id)}`);
      if (res.status !== 200) throw await failure(`verify ${probe.key} ${year}`, res);
      const dist = (await res.json()) as { n?: number };
      const local = (release.values[probe.key]?.[year] ?? []).filter((v, i) => v !== null && (release.las[i]?.number ?? 999) < 970).length;
      if (dist.n !== local) throw new StepError(`verify: ${probe.key} ${year} has n = ${String(dist.n)} on the service but ${local} in the file`);
      io.out(`      hash matches; ${probe.key} ${year}: n = ${local} on both sides`);
    }

    // 5. Publish over exactly the release seen now (If-Match); already current → done.
    if (opts['no-publish']) {
      io.out('[5/5] not published (--no-publish)');
      io.out(`done: ${id} uploaded and verified; publish it with cic publish --release … or POST ${api}/releases/${id}/publish`);
      return 0;
    }
    io.out('[5/5] publishing');
    const cur = await call('/releases/current');
    let previous: string | null = null;
    const headers: Record<string, string> = { ...writeHeaders };
    if (cur.status === 200) {
      previous = ((await cur.json()) as { id?: string }).id ?? null;
      const etag = cur.headers.get('etag');
      if (!etag) throw new StepError('publish: GET /releases/current gave no ETag, so the publish could not be made conditional');
      headers['if-match'] = etag;
    } else if (cur.status !== 404) {
      throw await failure('read current release', cur);
    }
    if (previous === id) {
      io.out(`done: ${id} is already the current release; nothing changed`);
      return 0;
    }
    const res = await call(`/releases/${encodeURIComponent(id)}/publish`, { method: 'POST', headers });
    if (res.status === 412) throw new StepError('publish: someone published another release meanwhile; run cic publish again to publish over it');
    if (res.status !== 200) throw await failure('publish', res);
    io.out(`done: ${id} is now the current release (was ${previous ?? 'none'}); workbooks pinned to another release keep theirs`);
    return 0;
  } catch (e) {
    io.err(`cic publish: ${(e as Error).message}`);
    return 1;
  }
}
