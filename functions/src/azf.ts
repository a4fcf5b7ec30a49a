/**
 * '@azure/functions' is CommonJS whose classes Node's ESM loader cannot see as named exports, so take
 * them from the default export (module.exports) once, here, for both the bundle and tsx/vitest.
 */
import azf from '@azure/functions';

export const { app, HttpRequest, HttpResponse, InvocationContext } = azf;
export type { HttpHandler, HttpMethod, HttpRequest as Request, HttpResponseInit, InvocationContext as Context } from '@azure/functions';
export type HttpResponse = import('@azure/functions').HttpResponse;
