/**
 * Offline checks of manifest.xml (Microsoft's validator needs the internet): well-formed, every resid
 * resolves, every URL is https, the CIC namespace, the shared runtime, and a version bumped whenever
 * functions.json changes. Run by the build (failing it) and by the unit tests.
 */
import { localName, parseXml, walk, type XmlElement } from './xml';

export interface VersionRecord {
  /** The manifest version that shipped this functions.json. */
  version: string;
  /** sha256 (hex) of functions.json as generated for https://localhost:3000. */
  functionsHash: string;
}

const find = (root: XmlElement, name: string): XmlElement[] => [...walk(root)].filter((e) => localName(e.name) === name);

export function manifestVersion(xml: string): string {
  const v = find(parseXml(xml), 'Version')[0]?.text.trim();
  if (!v) throw new Error('manifest has no <Version>');
  return v;
}

/** Problems found, empty when the manifest passes. */
export function checkManifest(xml: string): string[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    return [(e as Error).message];
  }
  const problems: string[] = [];
  if (localName(root.name) !== 'OfficeApp') problems.push(`root element is <${root.name}>, not <OfficeApp>`);

  const version = find(root, 'Version')[0]?.text.trim() ?? '';
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) problems.push(`<Version> "${version}" is not n.n.n.n`);

  const resources = new Map<string, XmlElement>();
  for (const r of find(root, 'Resources')) for (const e of walk(r)) if (e.attrs.id) resources.set(e.attrs.id, e);
  for (const e of walk(root)) {
    const resid = e.attrs.resid;
    if (resid !== undefined && !resources.has(resid)) problems.push(`<${e.name} resid="${resid}"> has no resource with that id`);
  }

  for (const e of walk(root)) {
    const urls = [e.attrs.DefaultValue, localName(e.name) === 'AppDomain' ? e.text.trim() : undefined];
    for (const u of urls) if (u && /^[a-z][a-z0-9+.-]*:\/\//i.test(u) && !u.startsWith('https://')) problems.push(`${u} is not https`);
  }
  for (const name of ['Url', 'Image', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation']) {
    for (const e of find(root, name)) {
      const u = e.attrs.DefaultValue;
      if (u !== undefined && !u.startsWith('https://')) problems.push(`<${e.name}> ${u || '(empty)'} is not an https URL`);
    }
  }

  const ns = find(root, 'Namespace')[0]?.attrs.resid;
  const nsValue = ns ? resources.get(ns)?.attrs.DefaultValue : undefined;
  if (nsValue !== 'CIC') problems.push(`custom functions namespace is ${nsValue ?? 'missing'}, not CIC`);

  const shared = find(root, 'Set').find((s) => s.attrs.Name === 'SharedRuntime');
  if (!shared || shared.attrs.MinVersion !== '1.1') problems.push('requirement SharedRuntime 1.1 is missing');
  const runtime = find(root, 'Runtime')[0];
  if (!runtime || runtime.attrs.lifetime !== 'long') problems.push('<Runtime lifetime="long"> is missing (custom functions would stop when the pane closes)');
  const page = find(root, 'Page')[0] && find(find(root, 'Page')[0]!, 'SourceLocation')[0]?.attrs.resid;
  if (runtime && page !== runtime.attrs.resid) problems.push('the custom functions page is not the shared runtime page');
  return problems;
}

const parts = (v: string): number[] => v.split('.').map(Number);

export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Excel caches functions.json per manifest version, so changed metadata under an old version is never
 * seen by users. Returns a problem, or null; `updated` is the record to commit when the version moved on.
 */
export function checkVersionRecord(version: string, functionsHash: string, record: VersionRecord): { problem: string | null; updated: VersionRecord | null } {
  if (record.functionsHash === functionsHash) return { problem: null, updated: null };
  if (compareVersions(version, record.version) <= 0) {
    return {
      problem: `functions.json changed since manifest version ${record.version} but <Version> is still ${version}: bump it in manifest.xml (Excel caches function metadata per version)`,
      updated: null,
    };
  }
  return { problem: null, updated: { version, functionsHash } };
}
