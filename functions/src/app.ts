/**
 * The Functions app: importing each endpoint module registers it (with the host via app.http, and in
 * the registry the local host serves). One function per file under ./functions.
 */
import './endpoints/health';
import './endpoints/indicators';
import './endpoints/releases';
import './endpoints/release-current';
import './endpoints/release-get';
import './endpoints/release-catalog';
import './endpoints/release-columns';
import './endpoints/release-put';
import './endpoints/release-publish';
import './endpoints/distributions';
import './endpoints/lookup';
import './endpoints/las';
import './endpoints/neighbours';
import './endpoints/unit-costs';

export { registrations } from './registry';
