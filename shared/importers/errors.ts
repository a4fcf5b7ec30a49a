/**
 * An importer failure pinned to the source: file (path relative to the research-data dir) and 1-based
 * line where the offending row starts. Value parsers that do not know where they are throw it unlocated
 * (file '' and line 0); the CSV reader locates it before it escapes.
 */
export class ImportError extends Error {
  readonly file: string;
  readonly line: number;
  readonly reason: string;

  constructor(file: string, line: number, reason: string) {
    super(file ? `${file}:${line}: ${reason}` : reason);
    this.name = 'ImportError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
