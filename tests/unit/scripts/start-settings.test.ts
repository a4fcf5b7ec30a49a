/**
 * `npm start`'s own settings are parsed before anything starts or is built: a value a setting cannot take
 * stops the start with one line naming the setting and what it takes (a port of "abc" used to reach
 * node:net and print its own error, naming no setting).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSettings } from '../../../scripts/start-settings.mjs';

describe('startSettings', () => {
  it('gives the documented defaults when nothing (or a blank) is set', () => {
    expect(startSettings({ CIC_PORT: ' ' })).toEqual({
      host: '127.0.0.1',
      port: 7071,
      azuritePort: 10002,
      addinPort: 3000,
      apiUrl: null,
      http: false,
      useFunc: true,
      sideload: true,
      rebuild: false,
    });
  });

  it('reads what is set', () => {
    const s = startSettings({
      CIC_HOST: 'localhost',
      CIC_PORT: '8081',
      CIC_AZURITE_PORT: '10010',
      CIC_ADDIN_PORT: '3443',
      CIC_API_URL: 'https://cic-api.example.gov.uk/api',
      CIC_HTTP: '1',
      CIC_USE_FUNC: '0',
      CIC_SIDELOAD: '0',
      CIC_REBUILD: '1',
    });
    expect(s).toEqual({
      host: 'localhost',
      port: 8081,
      azuritePort: 10010,
      addinPort: 3443,
      apiUrl: 'https://cic-api.example.gov.uk/api',
      http: true,
      useFunc: false,
      sideload: false,
      rebuild: true,
    });
    expect(startSettings({ CIC_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it.each([
    [{ CIC_PORT: 'abc' }, 'CIC_PORT must be a port number from 1 to 65535, not "abc"'],
    [{ CIC_PORT: '7071.5' }, 'CIC_PORT must be a port number from 1 to 65535, not "7071.5"'],
    [{ CIC_AZURITE_PORT: '0' }, 'CIC_AZURITE_PORT must be a port number from 1 to 65535, not "0"'],
    [{ CIC_ADDIN_PORT: '70000' }, 'CIC_ADDIN_PORT must be a port number from 1 to 65535, not "70000"'],
    [{ CIC_HOST: 'a host' }, 'CIC_HOST must be a host name or IP address to listen on, not "a host"'],
    [{ CIC_API_URL: '127.0.0.1:7071' }, 'CIC_API_URL must be an http or https URL (where the add-in server sends /api/), not "127.0.0.1:7071"'],
    [{ CIC_HTTP: 'yes' }, 'CIC_HTTP must be 0 or 1 (1: serve the add-in over plain HTTP), not "yes"'],
    [{ CIC_USE_FUNC: 'false' }, 'CIC_USE_FUNC must be 0 or 1 (0: skip Core Tools, use the local host), not "false"'],
  ])('%j is refused: %s', (env, message) => {
    expect(() => startSettings(env)).toThrow(message);
  });
});

describe('npm start with a bad setting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cic-start-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops with one line naming the setting, exit 1, before anything starts', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, CIC_PORT: 'abc', CIC_HTTP: '1', CIC_USE_FUNC: '0', CIC_AZURITE_LOCATION: join(dir, 'azurite') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['npm start: CIC_PORT must be a port number from 1 to 65535, not "abc"']);
    expect(r.stdout).toBe('');
  });
});
