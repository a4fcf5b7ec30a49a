/**
 * One place every HTTP function is declared: registered with the Functions host through `app.http`
 * (only under the host) and recorded, so the local host can serve exactly the same routes,
 * methods, auth levels and handlers when Core Tools are absent.
 */
import { app, type Handler, type HttpMethod } from './azf';

export interface Registration {
  name: string;
  methods: HttpMethod[];
  /** Route template under /api, e.g. "releases/{id}/publish". */
  route: string;
  authLevel: 'anonymous' | 'function';
  handler: Handler;
  /** The most body bytes this route reads (checked while streaming); absent = it reads no body. */
  maxBodyBytes?: () => number;
}

export const registrations: Registration[] = [];

/** The Functions host runs its Node worker with this setting; outside it there is no host to register with. */
const underFunctionsHost = (): boolean => process.env.FUNCTIONS_WORKER_RUNTIME === 'node';

export function register(r: Registration): void {
  registrations.push(r);
  if (underFunctionsHost()) app.http(r.name, { methods: r.methods, route: r.route, authLevel: r.authLevel, handler: r.handler });
}
