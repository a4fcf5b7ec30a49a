/** Types for addin/build.mjs (imported by the browser tests to build dist/addin when it is missing). */
export declare const DEV_BASE_URL: string;
export declare function build(options: { root: string; production?: boolean }): Promise<{ metafile: unknown; bytes: number }>;
