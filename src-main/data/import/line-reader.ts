/**
 * Reads a text file line by line in fixed-size chunks (bounded memory for files of any
 * size), synchronously: imports run in a worker thread or the CLI, where a synchronous
 * loop inside one SQLite transaction is the simplest correct shape. Strips a UTF-8 BOM and
 * `\r`. Reports the byte offset after each line for progress.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface LineVisitor {
  /** Called per line (1-based line number); return false to stop early. */
  (line: string, lineNo: number, bytesRead: number): boolean | void;
}

/** Visits every line of `path`; returns the number of lines visited. */
export function readLines(path: string, visit: LineVisitor, chunkBytes = 1 << 20): number {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(chunkBytes);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNo = 0;
  let bytes = 0;
  let first = true;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, null);
      if (n === 0) break;
      bytes += n;
      let text = carry + decoder.write(buf.subarray(0, n));
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (visit(text.slice(start, end), ++lineNo, bytes) === false) return lineNo;
        start = nl + 1;
      }
      carry = text.slice(start);
    }
    carry += decoder.end();
    if (carry.length > 0) {
      const end = carry.charCodeAt(carry.length - 1) === 13 ? carry.length - 1 : carry.length;
      visit(carry.slice(0, end), ++lineNo, bytes);
    }
    return lineNo;
  } finally {
    closeSync(fd);
  }
}
