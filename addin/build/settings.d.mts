/** Types for addin/build/settings.mjs (the add-in build's settings, checked before building). */
export declare const DEV_BASE_URL: string;
export declare class SettingsError extends Error {}
export declare function addinSettings(env: Record<string, string | undefined>, production: boolean): { base: string; apiBase: string };
export declare function devBaseUrl(env: Record<string, string | undefined>): string;
