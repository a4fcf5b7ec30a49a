/** The Office dev certificates npm start serves HTTPS with: generated offline once, reused, renewed near expiry. */
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDevCerts, trustCommand } from '../../../scripts/dev-certs.mjs';

describe('dev certificates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cic-certs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a localhost certificate signed by its own CA, with the matching key', async () => {
    const c = await ensureDevCerts({ CIC_DEV_CERTS: dir });
    expect(c.generated).toBe(true);
    const cert = new X509Certificate(c.cert);
    const ca = new X509Certificate(c.ca);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(createPublicKey(createPrivateKey(c.key)).export({ format: 'jwk' })).toEqual(cert.publicKey.export({ format: 'jwk' }));
    expect(Date.parse(cert.validTo) - Date.now()).toBeGreaterThan(25 * 86_400_000);
  });

  it('reuses them on the next start', async () => {
    const first = await ensureDevCerts({ CIC_DEV_CERTS: dir });
    const again = await ensureDevCerts({ CIC_DEV_CERTS: dir });
    expect(again.generated).toBe(false);
    expect(again.cert.equals(first.cert)).toBe(true);
  });

  it('replaces a damaged set instead of serving it', async () => {
    writeFileSync(join(dir, 'localhost.crt'), 'not a certificate');
    const c = await ensureDevCerts({ CIC_DEV_CERTS: dir });
    expect(c.generated).toBe(true);
    expect(new X509Certificate(c.cert).checkIssued(new X509Certificate(c.ca))).toBe(true);
  });

  it.each([
    ['win32', /Import-Certificate -FilePath '\/x\/ca.crt' -CertStoreLocation Cert:\\CurrentUser\\Root/],
    ['darwin', /security add-trusted-cert -d -r trustRoot -k ~\/Library\/Keychains\/login.keychain-db '\/x\/ca.crt'/],
    ['linux', /sudo cp '\/x\/ca.crt' \/usr\/local\/share\/ca-certificates\/.*update-ca-certificates/],
  ])('prints the trust command for %s', (platform, want) => expect(trustCommand('/x/ca.crt', platform)).toMatch(want));
});
