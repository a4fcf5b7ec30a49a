/**
 * What `npm start` imports from the built app (dist/functions-app/local-host.mjs): the local host,
 * Azurite, and seeding the store with the default release — the same modules the tests use.
 */
export { startLocalHost } from '../local-host';
export { startAzurite, freePort } from './azurite';
export { seedIfEmpty } from './seed';
export { loadConfig } from '../config';
