import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkManifest, checkVersionRecord, manifestVersion, type VersionRecord } from '../../../addin/build/manifest-check';
import { parseXml } from '../../../addin/build/xml';
import { functionsJson } from '../../../addin/build/functions-json';

const DEV_BASE_URL = 'https://localhost:3000';

const manifest = readFileSync('manifest.xml', 'utf8');
const record = JSON.parse(readFileSync('addin/manifest-version.json', 'utf8')) as VersionRecord;

describe('manifest.xml', () => {
  it('passes the offline checks', () => {
    expect(checkManifest(manifest)).toEqual([]);
  });

  it('records the functions.json its version shipped (bump <Version> when the functions change)', async () => {
    const hash = createHash('sha256').update(functionsJson(DEV_BASE_URL)).digest('hex');
    const { problem } = checkVersionRecord(manifestVersion(manifest), hash, record);
    expect(problem).toBeNull();
  });

  it.each([
    ['an unclosed tag', manifest.replace('</Hosts>', ''), /not well-formed XML: .*Hosts/],
    [
      'mis-nesting',
      manifest.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions><b>ReadWriteDocument</Permissions></b>'),
      /not well-formed XML: .*line \d+/,
    ],
    ['a bare ampersand', manifest.replace('CIC Benchmarks</ProviderName>', 'CIC & Co</ProviderName>'), /not well-formed XML: char '&'/],
    ['a dangling resid', manifest.replace('resid="Icon.80x80"', 'resid="Icon.81x81"'), /no resource with that id/],
    ['an http URL', manifest.replace('https://localhost:3000/functions.json', 'http://localhost:3000/functions.json'), /not https/],
    ['another namespace', manifest.replace('id="Functions.Namespace" DefaultValue="CIC"', 'id="Functions.Namespace" DefaultValue="XYZ"'), /namespace/],
    ['no shared runtime', manifest.replace('Name="SharedRuntime"', 'Name="Other"'), /SharedRuntime 1.1/],
    ['a short-lived runtime', manifest.replace('lifetime="long"', 'lifetime="short"'), /lifetime/],
  ])('rejects %s', (_what, xml, message) => {
    expect(checkManifest(xml).join('\n')).toMatch(message);
  });

  // A second, independent well-formedness check with libxml2 where the project's system deps are installed.
  it.skipIf(spawnSync('xmllint', ['--version']).error !== undefined)('is well-formed to xmllint (skipped when xmllint is not installed)', () => {
    const r = spawnSync('xmllint', ['--noout', 'manifest.xml'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('requires a version bump when functions.json changes', () => {
    const r = { version: '1.0.0.0', functionsHash: 'a'.repeat(64) };
    expect(checkVersionRecord('1.0.0.0', 'a'.repeat(64), r)).toEqual({ problem: null, updated: null });
    expect(checkVersionRecord('1.0.0.0', 'b'.repeat(64), r).problem).toMatch(/bump/);
    expect(checkVersionRecord('0.9.0.0', 'b'.repeat(64), r).problem).toMatch(/bump/);
    expect(checkVersionRecord('1.0.1.0', 'b'.repeat(64), r).updated).toEqual({ version: '1.0.1.0', functionsHash: 'b'.repeat(64) });
  });

  it('parses entities, comments and CDATA', () => {
    const el = parseXml('<?xml version="1.0"?><!-- c --><a x="&quot;1&quot;"><b>&lt;&#65;&#x42;</b><![CDATA[<raw>]]></a>');
    expect(el.attrs.x).toBe('"1"');
    expect(el.children[0]!.text).toBe('<AB');
    expect(el.text).toBe('<raw>');
  });
});
