/**
 * The first pass over a file: its content hash, the date order (from the data: a first
 * field above 12 means day-month, a second above 12 month-day), the timeframe (the most
 * common step between the first rows), a bounded sample of rows for time-zone inference,
 * and whether prices are Databento fixed-point integers. Bounded memory whatever the size.
 */
import { createHash } from 'node:crypto';
import { readLines } from './line-reader';
import type { Layout } from './layout';

export interface Prescan {
  readonly sha256: string;
  readonly lines: number;
  /** Evidence for the order of day and month in `a/b/yyyy` dates. */
  readonly dayFirstEvidence: number;
  readonly monthFirstEvidence: number;
  /** Rows with a slash or dash date whose year is last (so the order matters). */
  readonly ambiguousDates: number;
  /** The first rows, in order (timeframe detection). */
  readonly head: readonly string[];
  /** A deterministic, evenly spread sample of rows (zone inference). */
  readonly sample: readonly string[];
  readonly firstDataLine: string;
}

const HEAD_ROWS = 3000;
const SAMPLE_ROWS = 20_000;

function yearLastParts(stamp: string): [number, number] | undefined {
  // `a/b/yyyy…` or `a-b-yyyy…` or `a.b.yyyy…`; returns [a, b].
  const m = /^\s*"?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(stamp);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function prescan(
  path: string,
  layout: Layout,
  onProgress?: (bytes: number) => void,
): Prescan {
  const hash = createHash('sha256');
  let dayFirst = 0;
  let monthFirst = 0;
  let ambiguous = 0;
  const head: string[] = [];
  const sample: string[] = [];
  let stride = 1;
  let seen = 0;
  let firstDataLine = '';
  const lines = readLines(path, (line, lineNo, bytes) => {
    hash.update(line);
    hash.update('\n');
    if (lineNo === 1 && layout.hasHeader) return;
    if (line.trim() === '') return;
    if (firstDataLine === '') firstDataLine = line;
    const stampField =
      line.split(layout.delimiter, layout.columns.stamp + 1)[layout.columns.stamp] ?? '';
    const parts = yearLastParts(stampField);
    if (parts) {
      ambiguous++;
      if (parts[0] > 12) dayFirst++;
      if (parts[1] > 12) monthFirst++;
    }
    if (head.length < HEAD_ROWS) head.push(line);
    // Systematic sample: keep every `stride`-th row; when full, drop every other and double the stride.
    if (seen % stride === 0) {
      sample.push(line);
      if (sample.length >= SAMPLE_ROWS) {
        let w = 0;
        for (let r = 0; r < sample.length; r += 2) sample[w++] = sample[r] as string;
        sample.length = w;
        stride *= 2;
      }
    }
    seen++;
    if ((lineNo & 0x3fff) === 0) onProgress?.(bytes);
  });
  return {
    sha256: hash.digest('hex'),
    lines,
    dayFirstEvidence: dayFirst,
    monthFirstEvidence: monthFirst,
    ambiguousDates: ambiguous,
    head,
    sample,
    firstDataLine,
  };
}
