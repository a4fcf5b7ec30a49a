// `npm start`'s own settings (docs/service.md, "Settings"), parsed with zod before anything starts or is
// built: a value the setting cannot take stops the start with one line naming it. The Functions app's
// settings are functions/src/config.ts's, checked by the host it runs in; CIC_MIN_FREE_MB is preflight's.
import { z } from 'zod';

const PORT = 'a port number from 1 to 65535';
const Port = z
  .string()
  .regex(/^\d{1,5}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(65535));
const Flag = z.enum(['0', '1']);

/** Each setting: what it takes (said when it is wrong), its schema, and its value when unset or blank. */
const SETTINGS = {
  CIC_HOST: { what: 'a host name or IP address to listen on', schema: z.union([z.hostname(), z.ipv6()]), fallback: '127.0.0.1' },
  CIC_PORT: { what: PORT, schema: Port, fallback: 7071 },
  CIC_AZURITE_PORT: { what: PORT, schema: Port, fallback: 10002 },
  CIC_ADDIN_PORT: { what: PORT, schema: Port, fallback: 3000 },
  CIC_API_URL: { what: 'an http or https URL (where the add-in server sends /api/)', schema: z.url({ protocol: /^https?$/ }), fallback: null },
  CIC_HTTP: { what: '0 or 1 (1: serve the add-in over plain HTTP)', schema: Flag, fallback: '0' },
  CIC_USE_FUNC: { what: '0 or 1 (0: skip Core Tools, use the local host)', schema: Flag, fallback: '1' },
  CIC_SIDELOAD: { what: '0 or 1 (0: do not open desktop Excel with the add-in)', schema: Flag, fallback: '1' },
  CIC_REBUILD: { what: '0 or 1 (1: build dist/ again before starting)', schema: Flag, fallback: '0' },
};

export class StartSettingsError extends Error {
  name = 'StartSettingsError';
}

/**
 * The settings from `env`, each parsed; throws StartSettingsError (its message the one line to print) for
 * the first that is wrong.
 * @param {Record<string, string | undefined>} env
 */
export function startSettings(env) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [name, { what, schema, fallback }] of Object.entries(SETTINGS)) {
    const raw = (env[name] ?? '').trim();
    if (raw === '') {
      out[name] = fallback;
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new StartSettingsError(`${name} must be ${what}, not ${JSON.stringify(raw.slice(0, 200))}`);
    out[name] = parsed.data;
  }
  return {
    host: /** @type {string} */ (out.CIC_HOST),
    port: /** @type {number} */ (out.CIC_PORT),
    azuritePort: /** @type {number} */ (out.CIC_AZURITE_PORT),
    addinPort: /** @type {number} */ (out.CIC_ADDIN_PORT),
    apiUrl: /** @type {string | null} */ (out.CIC_API_URL),
    http: out.CIC_HTTP === '1',
    useFunc: out.CIC_USE_FUNC === '1',
    sideload: out.CIC_SIDELOAD === '1',
    rebuild: out.CIC_REBUILD === '1',
  };
}
