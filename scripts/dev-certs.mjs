// HTTPS for `npm start` the Office way: the developer certificates office-addin-dev-certs makes (a local CA and
// a localhost certificate, generated offline in JavaScript), kept in ~/.office-addin-dev-certs and reused
// until they near expiry. Trusting the CA changes the machine's trust store, so it is never done silently:
// the exact command for this OS is printed instead (or run `npx office-addin-dev-certs install`).
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

const RENEW_WITHIN_DAYS = 2;

export const certDir = (env = process.env) => env.CIC_DEV_CERTS || join(homedir(), '.office-addin-dev-certs');

/** The command that makes this OS trust the CA (Excel on Windows and macOS, and browsers, check the OS store). */
export function trustCommand(caPath, platform = process.platform) {
  if (platform === 'win32') return `powershell -Command "Import-Certificate -FilePath '${caPath}' -CertStoreLocation Cert:\\CurrentUser\\Root"`;
  if (platform === 'darwin') return `security add-trusted-cert -d -r trustRoot -k ~/Library/Keychains/login.keychain-db '${caPath}'`;
  return `sudo cp '${caPath}' /usr/local/share/ca-certificates/office-addin-dev-certs-ca.crt && sudo update-ca-certificates`;
}

function usable(files) {
  if (!Object.values(files).every(existsSync)) return false;
  try {
    const cert = new X509Certificate(readFileSync(files.cert));
    return Date.parse(cert.validTo) - Date.now() > RENEW_WITHIN_DAYS * 86_400_000 && cert.checkHost('localhost') !== undefined;
  } catch {
    return false;
  }
}

/**
 * The certificate and key to serve, generating them when missing or near expiry.
 * @returns {Promise<{ cert: Buffer, key: Buffer, ca: Buffer, dir: string, generated: boolean, trust: string }>}
 */
export async function ensureDevCerts(env = process.env) {
  const dir = certDir(env);
  const files = { ca: join(dir, 'ca.crt'), cert: join(dir, 'localhost.crt'), key: join(dir, 'localhost.key') };
  const generated = !usable(files);
  if (generated) {
    const { generateCertificates } = createRequire(import.meta.url)('office-addin-dev-certs');
    // It writes only when the CA file is absent: clear a stale set first so the three files always match.
    for (const f of Object.values(files)) if (existsSync(f)) (await import('node:fs')).rmSync(f);
    await generateCertificates(files.ca, files.cert, files.key, 30, ['localhost', '127.0.0.1']);
  }
  return { cert: readFileSync(files.cert), key: readFileSync(files.key), ca: readFileSync(files.ca), dir, generated, trust: trustCommand(files.ca) };
}
