/**
 * The Functions app: importing each endpoint module registers it (with the host via app.http, and in
 * the registry the local host serves). One function per file under ./functions.
 */
import './functions/health';
import './functions/indicators';
import './functions/releases';
import './functions/release-current';
import './functions/release-get';
import './functions/release-catalog';
import './functions/release-put';
import './functions/release-publish';
import './functions/distributions';
import './functions/lookup';
import './functions/las';
import './functions/neighbours';
import './functions/unit-costs';

export { registrations } from './registry';
