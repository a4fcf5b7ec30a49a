/**
 * One place every HTTP function is declared: registered with the Functions host through `app.http`
 * (a no-op outside the host) and recorded, so the local host can serve exactly the same routes,
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

/** Set by the local host before it loads the app: there is no Functions host to register with. */
export const LOCAL_HOST_FLAG = Symbol.for('cic.localHost');

export function register(r: Registration): void {
  registrations.push(r);
  if (!(globalThis as Record<symbol, unknown>)[LOCAL_HOST_FLAG])
    app.http(r.name, { methods: r.methods, route: r.route, authLevel: r.authLevel, handler: r.handler });
}
