/** Types for scripts/start-settings.mjs (`npm start`'s own settings, parsed before anything starts). */
export declare class StartSettingsError extends Error {}
export declare function startSettings(env: Record<string, string | undefined>): {
  host: string;
  port: number;
  azuritePort: number;
  addinPort: number;
  apiUrl: string | null;
  http: boolean;
  useFunc: boolean;
  sideload: boolean;
  rebuild: boolean;
};
