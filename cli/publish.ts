/**
 * `cic publish`: what the team that refreshes the data runs — build (or read) a release, upload it, check
 * that the service holds exactly it, and make it current only over the release they saw (If-Match).
 * Every step says what it did; re-running after any failure, or after success, is safe: an upload of the
 * same content is a no-op and a release that is already current is left alone.
 */
import { gzipSync } from 'node:zlib';
import { buildRelease } from '../shared/importers/build-release';
import type { Release } from '../shared/release/schema';
import { readReleaseFile, sha256Hex } from '../node/release-file';
import { terminalText } from '../shared/terminal-text';
import { readInputs } from './import';
import { buildVintageRelease } from '../shared/importers/vintage';
import { isVintageFolder, readVintage } from './vintage';
import { command, parseCommand, UsageError } from './args';

const USAGE =
  'usage: cic publish (--from DIR | --release FILE) [--id ID] [--title TEXT] [--api URL] [--key KEY] [--token TOKEN] [--timeout SECONDS] [--no-publish]\n' +
  '  --api defaults to $CIC_API_URL or http://127.0.0.1:7071/api; --key to $CIC_WRITE_KEY; --token to $CIC_TOKEN (an Entra ID access token with the publish role);\n' +
  '  --timeout (each request, default $CIC_TIMEOUT or 60 s)\n';

const DEFAULT_TIMEOUT_SECONDS = 60;
/** Same-origin hops followed before giving up (a loop, or a misconfigured proxy). */
const MAX_REDIRECTS = 5;
/** The service's answers to these calls are a few hundred bytes of JSON; more is not the service. */
const MAX_ANSWER_BYTES = 1024 * 1024;

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

/** An answer read whole within the request's timeout. */
interface Answer {
  status: number;
  headers: Headers;
  text: string;
}
const json = <T>(a: Answer): T => JSON.parse(a.text) as T;

/** One line from a problem+json (or any) error answer. */
function failure(step: string, res: Answer): StepError {
  let detail = res.text.slice(0, 300);
  try {
    const p = JSON.parse(res.text) as { title?: unknown; detail?: unknown };
    detail = [p.title, p.detail]
      .filter((v) => typeof v === 'string' && v)
      .join(': ')
      .slice(0, 300);
  } catch {
    // not JSON: the raw text will do
  }
  return new StepError(`${step}: HTTP ${res.status}${detail ? ` ${terminalText(detail)}` : ''}`);
}

/** The body, refused beyond MAX_ANSWER_BYTES (a hostile or broken server could send without end). */
async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES) throw new StepError(`the answer from ${res.url} exceeds ${MAX_ANSWER_BYTES} bytes; that is not the benchmark service`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const PUBLISH_COMMAND = command({
  name: 'publish',
  usage: `${USAGE}Builds (or reads) a release, uploads it to the service, checks the service holds exactly it, and makes it
current only over the release it saw (If-Match). Safe to re-run after a failure or a success.
  --from DIR          DfE files to import first (as cic import --from)
  --release FILE      or a release file already built
  --id ID, --title T  the release's id and title (with --from)
  --api URL           the service (default $CIC_API_URL or http://127.0.0.1:7071/api)
  --key KEY           the Function App's host key (az functionapp keys list … --query functionKeys.default:
                      it opens both releasePut and releasePublish, one function's own key opens only that
                      one); locally the local host's CIC_WRITE_KEY. Default $CIC_WRITE_KEY
  --token TOKEN       or an Entra ID access token with the publish role (default $CIC_TOKEN)
  --timeout SECONDS   per request (default $CIC_TIMEOUT or 60)
  --no-publish        upload and verify only, as history: the current release is left as it is
  -h, --help          this help
`,
  options: {
    from: { type: 'string' },
    release: { type: 'string' },
    id: { type: 'string' },
    title: { type: 'string' },
    api: { type: 'string' },
    key: { type: 'string' },
    token: { type: 'string' },
    timeout: { type: 'string' },
    'no-publish': { type: 'boolean' },
  },
});

export async function publishCommand(args: string[], io: PublishIo = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCommand(PUBLISH_COMMAND, args, (t) => io.out(t.trimEnd()));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(terminalText(e.line()));
    return 1;
  }
  if (!parsed) return 0;
  const opts = parsed.values;
  if (Boolean(opts.from) === Boolean(opts.release)) {
    io.err('cic publish: give exactly one of --from DIR (DfE files to import) or --release FILE');
    io.err(USAGE.trimEnd());
    return 2;
  }
  const timeoutText = opts.timeout ?? io.env.CIC_TIMEOUT ?? String(DEFAULT_TIMEOUT_SECONDS);
  const timeoutSeconds = Number(timeoutText);
  if (!(timeoutSeconds > 0 && timeoutSeconds <= 24 * 3600)) {
    io.err(`cic publish: --timeout "${terminalText(timeoutText)}" is not a number of seconds above 0`);
    io.err(USAGE.trimEnd());
    return 2;
  }
  const api = (opts.api ?? io.env.CIC_API_URL ?? 'http://127.0.0.1:7071/api').replace(/\/+$/, '');
  const key = opts.key ?? io.env.CIC_WRITE_KEY;
  const token = opts.token ?? io.env.CIC_TOKEN;
  const writeHeaders: Record<string, string> = { ...(key ? { 'x-functions-key': key } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };

  /**
   * One request, its answer read whole, within --timeout. Redirects are followed by hand: fetch would
   * carry x-functions-key to any origin (it strips only Authorization) and cannot re-send a body it has
   * already consumed. So only same-origin hops are followed, a write only on 307/308 (which keep the
   * method and body; 301-303 would turn it into a GET), with the body sent afresh each time; anything
   * else is refused, naming where the service pointed.
   */
  const call = async (step: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Answer> => {
    const method = init.method ?? 'GET';
    let url = new URL(`${api}${path}`);
    for (let hop = 0; ; hop++) {
      let res: Response;
      let text: string;
      try {
        res = await io.fetch(url, {
          method,
          ...(init.headers ? { headers: init.headers } : {}),
          ...(init.body ? { body: new Uint8Array(init.body) } : {}),
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutSeconds * 1000),
        });
        text = await readCapped(res);
      } catch (e) {
        if (e instanceof StepError) throw e;
        if ((e as Error).name === 'TimeoutError') throw new StepError(`no answer from ${api} within ${timeoutSeconds} s (--timeout)`);
        const cause = (e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message;
        throw new StepError(`cannot reach ${api} (${terminalText(cause)})`);
      }
      if (![301, 302, 303, 307, 308].includes(res.status)) return { status: res.status, headers: res.headers, text };
      const location = res.headers.get('location');
      let next: URL;
      try {
        next = new URL(location ?? '', url);
      } catch {
        throw new StepError(`${step}: ${method} ${url.pathname} was redirected (HTTP ${res.status}) to an unusable Location "${terminalText(location ?? '')}"`);
      }
      const where = terminalText(next.href);
      if (next.origin !== url.origin)
        throw new StepError(`${step}: ${method} ${url.pathname} was redirected to another origin: ${where}; nothing was sent there (check --api)`);
      if (method !== 'GET' && res.status !== 307 && res.status !== 308)
        throw new StepError(
          `${step}: ${method} ${url.pathname} was redirected with HTTP ${res.status} to ${where}, which would turn it into a GET; check --api`,
        );
      if (hop >= MAX_REDIRECTS) throw new StepError(`${step}: too many redirects (last to ${where})`);
      url = next;
    }
  };

  try {
    // 1. The release, built here from the DfE files or read from a file (both verify the content hash).
    let release: Release;
    if (opts.from) {
      io.out(`[1/5] importing DfE files from ${opts.from}`);
      try {
        const build = { sha256: sha256Hex, ...(opts.id ? { id: opts.id } : {}), ...(opts.title ? { title: opts.title } : {}) };
        // A LAIT vintage folder (YYYY-MM-DD_<commit>/) is imported as DfE published it that day: with --no-publish, history.
        release = isVintageFolder(opts.from) ? buildVintageRelease(await readVintage(opts.from), build) : buildRelease(readInputs(opts.from), build);
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
    const existing = await call('check', `/releases/${encodeURIComponent(id)}`);
    let upload = true;
    if (existing.status === 200) {
      const info = json<{ contentHash?: string }>(existing);
      if (info.contentHash !== release.contentHash) {
        throw new StepError(
          `release ${id} already exists on the service with other content (hash ${String(info.contentHash).slice(0, 12)}…); releases are immutable: use a new --id`,
        );
      }
      upload = false;
      io.out('      already uploaded with the same content');
    } else if (existing.status !== 404) {
      throw failure('check', existing);
    }

    // 3. Upload, gzipped (the whole LAIT set: 3.6 MB of JSON, 1 MB gzipped).
    if (upload) {
      const body = gzipSync(JSON.stringify(release), { level: 9 });
      io.out(`[3/5] uploading ${(body.length / 1024).toFixed(0)} KB`);
      const res = await call('upload', `/releases/${encodeURIComponent(id)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...writeHeaders },
        body,
      });
      if (res.status !== 201 && res.status !== 200) throw failure('upload', res);
      io.out(res.status === 201 ? '      stored and verified by the service' : '      the service already had it');
    } else {
      io.out('[3/5] upload skipped');
    }

    // 4. Verify: the service's own record of the release, and one distribution computed both sides.
    io.out('[4/5] verifying');
    const stored = await call('verify', `/releases/${encodeURIComponent(id)}`);
    if (stored.status !== 200) throw failure('verify', stored);
    const info = json<{ contentHash?: string; indicators?: number }>(stored);
    if (info.contentHash !== release.contentHash)
      throw new StepError(`verify: the service reports hash ${String(info.contentHash).slice(0, 12)}…, not ${release.contentHash.slice(0, 12)}…`);
    const probe = release.indicators.find((i) => Object.keys(release.values[i.key] ?? {}).length > 0);
    if (probe) {
      const year = probe.years[probe.years.length - 1]!;
      const res = await call('verify', `/distributions/${encodeURIComponent(probe.key)}?year=${encodeURIComponent(year)}&release=${encodeURIComponent(id)}`);
      if (res.status !== 200) throw failure(`verify ${probe.key} ${year}`, res);
      const dist = json<{ n?: number }>(res);
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
    const cur = await call('read current release', '/releases/current');
    let previous: string | null = null;
    const headers: Record<string, string> = { ...writeHeaders };
    if (cur.status === 200) {
      previous = json<{ id?: string }>(cur).id ?? null;
      const etag = cur.headers.get('etag');
      if (!etag) throw new StepError('publish: GET /releases/current gave no ETag, so the publish could not be made conditional');
      headers['if-match'] = etag;
    } else if (cur.status !== 404) {
      throw failure('read current release', cur);
    }
    if (previous === id) {
      io.out(`done: ${id} is already the current release; nothing changed`);
      return 0;
    }
    const res = await call('publish', `/releases/${encodeURIComponent(id)}/publish`, { method: 'POST', headers });
    if (res.status === 412) throw new StepError('publish: someone published another release meanwhile; run cic publish again to publish over it');
    if (res.status !== 200) throw failure('publish', res);
    io.out(`done: ${id} is now the current release (was ${previous ?? 'none'}); workbooks pinned to another release keep theirs`);
    return 0;
  } catch (e) {
    io.err(`cic publish: ${(e as Error).message}`);
    return 1;
  }
}
