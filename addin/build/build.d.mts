/** Types for addin/build/build.mjs (imported by tests to build the add-in). */
export declare const DEV_BASE_URL: string;
export declare function build(options: {
  root: string;
  production?: boolean;
  out?: string;
  env?: Record<string, string | undefined>;
}): Promise<{ metafile: unknown; bytes: number }>;
