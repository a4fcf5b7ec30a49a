/** A bad setting is refused with the setting's name, where the service starts, not deep in a request. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../functions/src/config';
import { openTables } from '../../../functions/src/store/tables';

describe('settings', () => {
  it('a malformed storage connection string names CIC_STORAGE_CONNECTION', () => {
    expect(() => openTables('not a connection string', 'cic')).toThrow(/^CIC_STORAGE_CONNECTION is not a Table Storage connection string/);
    expect(() => openTables(loadConfig({}).storageConnection, 'cic')).not.toThrow();
  });

  it('malformed JWKS names CIC_AUTH_JWKS', () => {
    expect(() => loadConfig({ CIC_AUTH_JWKS: '{nope' })).toThrow(/^CIC_AUTH_JWKS is not JSON/);
  });
});
