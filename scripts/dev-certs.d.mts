/** Types for scripts/dev-certs.mjs (the dev certificates npm start serves HTTPS with). */
export interface DevCerts {
  cert: Buffer;
  key: Buffer;
  ca: Buffer;
  dir: string;
  generated: boolean;
  trust: string;
}
export function certDir(env?: Record<string, string | undefined>): string;
export function trustCommand(caPath: string, platform?: string): string;
export function ensureDevCerts(env?: Record<string, string | undefined>): Promise<DevCerts>;
