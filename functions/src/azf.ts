/**
 * '@azure/functions' is CommonJS whose classes Node's ESM loader cannot see as named exports, so take
 * them from the default export (module.exports) once, here, for both the bundle and tsx/vitest.
 */
import azf from '@azure/functions';
import type { HttpMethod, HttpResponseInit } from '@azure/functions';

export const { app, HttpRequest, HttpResponse, InvocationContext } = azf;
export type { HttpMethod, HttpResponseInit };
// The classes' types under their own names (the values above take the names from a plain type import).
export type HttpResponse = import('@azure/functions').HttpResponse;
type HttpRequest = import('@azure/functions').HttpRequest;
type InvocationContext = import('@azure/functions').InvocationContext;

/**
 * What the endpoints read of a request, and no more: a subset of the library's HttpRequest, so the
 * Functions host hands over its own and the local host a lighter object built from node:http's request.
 */
export type Request = Pick<HttpRequest, 'method' | 'url' | 'params' | 'query' | 'body' | 'arrayBuffer'> & {
  readonly headers: Pick<Headers, 'get'>;
};
/** What the endpoints use of an invocation: its log. */
export type Context = Pick<InvocationContext, 'log' | 'warn' | 'error'>;
export type Handler = (request: Request, context: Context) => Promise<HttpResponseInit | HttpResponse>;
