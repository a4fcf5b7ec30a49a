/**
 * The Functions app: importing each endpoint module registers it (with the host via app.http, and in
 * the registry the local host serves). One function per file under ./functions.
 */
import { loadConfig } from './config';
import './endpoints/health';
import './endpoints/indicators';
import './endpoints/releases';
import './endpoints/release-current';
import './endpoints/release-get';
import './endpoints/release-catalog';
import './endpoints/release-put';
import './endpoints/release-publish';
import './endpoints/distributions';
import './endpoints/lookup';
import './endpoints/las';
import './endpoints/neighbours';
import './endpoints/unit-costs';
import './endpoints/revisions';

export { registrations } from './registry';

// Read the settings while the worker loads: a bad one (an unusable key set, say) then stops the app with
// its one line in the host's log, instead of the app starting and failing every request.
loadConfig();
