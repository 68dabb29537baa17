// A problem with the file as a whole (its encoding, its header, a runaway line): nothing after it can
// be trusted, so the reader stops instead of reporting every following line as bad.

export type ImportFileErrorCode = 'NOT_UTF8' | 'LINE_TOO_LONG' | 'UNKNOWN_LEDGER' | 'BAD_HEADER';

export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;
  /** The line of the file it was found on. */
  readonly line: number;
  readonly reason: string;

  constructor(code: ImportFileErrorCode, line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'ImportFileError';
    this.code = code;
    this.line = line;
    this.reason = reason;
  }
}
