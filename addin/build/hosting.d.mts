/** Types for addin/build/hosting.mjs (the add-in files' cache policy). */
export const CACHE_RULES: { route: string; cacheControl: string }[];
export function cacheControlFor(path: string): string;
export function staticWebAppConfig(): {
  routes: { route: string; headers: Record<string, string> }[];
  globalHeaders: Record<string, string>;
  mimeTypes: Record<string, string>;
};
