import { createReadStream } from 'node:fs';
import { ImportFileError } from './import-file-error.ts';

// The file's lines as text, read as a stream. Lines are split on the bytes, not on decoded text, so
// that each line is checked as UTF-8 on its own: node:readline would decode with replacement
// characters and a GBK ledger would go in as mojibake. Splitting bytes on \n is safe for UTF-8
// (and GBK), whose multi-byte sequences never contain 0x0A.

/** A line longer than this is not a ledger row or a command: most likely a file that is not one. */
export const MAX_LINE_BYTES = 1024 * 1024;

export type PhysicalLine = {
  /** 1-based, as an editor counts them. */
  line: number;
  /** Without its line ending (\n or \r\n) or, on line 1, the byte-order mark. */
  text: string;
  /** Bytes of the file up to the end of this line: how far the reading has got. */
  bytesThrough: number;
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gbk = new TextDecoder('gb18030', { fatal: true });
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const decode = (bytes: Buffer, line: number): string => {
  try {
    return utf8.decode(bytes);
  } catch {
    let asGbk = false;
    try {
      gbk.decode(bytes);
      asGbk = true;
    } catch {
      // neither: said below
    }
    const hint = asGbk
      ? 'it reads as GBK/GB18030; convert the file to UTF-8 first (e.g. iconv -f GB18030 -t UTF-8 ledger.csv > ledger-utf8.csv, or save as "CSV UTF-8" in the spreadsheet)'
      : 'convert the file to UTF-8 first';
    throw new ImportFileError('NOT_UTF8', line, `is not valid UTF-8: ${hint}`);
  }
};

export async function* physicalLines(path: string): AsyncGenerator<PhysicalLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  let offset = 0;
  const emit = (parts: Buffer[]): PhysicalLine => {
    line += 1;
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    offset += bytes.length + 1;
    if (line === 1 && bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    return { line, text: decode(bytes, line), bytesThrough: offset };
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      pending.push(chunk.subarray(start, nl));
      yield emit(pending);
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES)
        throw new ImportFileError('LINE_TOO_LONG', line + 1, `is longer than ${MAX_LINE_BYTES} bytes: not a line of an import file`);
    }
  }
  if (pendingBytes > 0) {
    const last = emit(pending);
    yield { ...last, bytesThrough: last.bytesThrough - 1 };
  }
}
