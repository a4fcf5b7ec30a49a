// How the add-in's files are cached, written once: the build turns it into staticwebapp.config.json for
// Azure Static Web Apps (infra/main.bicep), and the local add-in server (scripts/addin-server.mjs) serves
// with the same headers. Hashed scripts and styles never change under their name: cache them for a year.
// Everything Office re-reads to notice an upgrade (manifest, functions.json, the pane, help) must revalidate.
export const CACHE_RULES = [
  { route: '/static/*', cacheControl: 'public, max-age=31536000, immutable' },
  { route: '/assets/*', cacheControl: 'public, max-age=86400' },
  { route: '/*', cacheControl: 'no-cache' },
];

/** The cache-control header for a request path: the first rule whose route (a prefix before `*`) matches. */
export function cacheControlFor(path) {
  return CACHE_RULES.find((r) => path.startsWith(r.route.replace(/\*$/, '')))?.cacheControl ?? 'no-cache';
}

/** Azure Static Web Apps configuration (routes with headers, MIME types for the manifest and maps). */
export function staticWebAppConfig() {
  return {
    routes: CACHE_RULES.map((r) => ({ route: r.route, headers: { 'cache-control': r.cacheControl } })),
    globalHeaders: { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' },
    mimeTypes: { '.json': 'application/json', '.xml': 'application/xml', '.map': 'application/json' },
  };
}
