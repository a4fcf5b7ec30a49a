// The add-in build's settings, read and checked before anything is built, so a wrong value is one clear
// line rather than a stack trace halfway through. Documented in docs/deploy.md ("Build settings").
export const DEV_BASE_URL = 'https://localhost:3000';

export class SettingsError extends Error {
  name = 'SettingsError';
}

/** An https origin (scheme, host, optional port), no path, query or credentials. */
function httpsOrigin(name, value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new SettingsError(`${name} must be an https URL such as https://cic-addin.example.gov.uk, not ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:') throw new SettingsError(`${name} must use https (Office loads add-ins only over HTTPS), not ${url.protocol}//`);
  if (url.username || url.password || url.search || url.hash)
    throw new SettingsError(`${name} must be a plain https URL without credentials, query or fragment`);
  return url;
}

/**
 * Where a development build is served from: https://localhost:3000, or the port CIC_ADDIN_PORT names (what
 * `npm start` serves the add-in on), so the manifest, functions.json and help links name that port.
 * @param {Record<string, string | undefined>} env
 */
export function devBaseUrl(env) {
  const raw = (env.CIC_ADDIN_PORT ?? '').trim();
  if (!raw) return DEV_BASE_URL;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535)
    throw new SettingsError(`CIC_ADDIN_PORT must be a port number from 1 to 65535, not ${JSON.stringify(raw)}`);
  return `https://localhost:${port}`;
}

/**
 * @param {Record<string, string | undefined>} env
 * @param {boolean} production
 * @returns {{ base: string, apiBase: string }}
 */
export function addinSettings(env, production) {
  const apiRaw = (env.CIC_API_BASE_URL ?? '').trim();
  let apiBase = '';
  if (apiRaw) {
    const api = httpsOrigin('CIC_API_BASE_URL', apiRaw);
    if (!/\/api\/?$/.test(api.pathname))
      throw new SettingsError(
        `CIC_API_BASE_URL must end in /api (the Functions app's route prefix), e.g. https://<prefix>-cic-api.azurewebsites.net/api, not ${JSON.stringify(apiRaw)}`,
      );
    apiBase = api.href.replace(/\/+$/, '');
  }
  if (!production) return { base: devBaseUrl(env), apiBase };
  const raw = (env.CIC_ADDIN_BASE_URL ?? '').trim();
  if (!raw)
    throw new SettingsError(
      "production build: set CIC_ADDIN_BASE_URL to the https origin the add-in is served from (e.g. the Static Web App's https://<name>.azurestaticapps.net)",
    );
  const url = httpsOrigin('CIC_ADDIN_BASE_URL', raw);
  if (url.pathname !== '/' && url.pathname !== '')
    throw new SettingsError(`CIC_ADDIN_BASE_URL must be an origin without a path (the manifest's URLs are built on it), not ${JSON.stringify(raw)}`);
  if (url.hostname === 'localhost' || url.hostname === '127.0.0.1')
    throw new SettingsError('CIC_ADDIN_BASE_URL points at this machine: a production manifest must name the public host');
  return { base: url.origin, apiBase };
}
