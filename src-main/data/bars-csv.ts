/** Bars as CSV (`nqh bars`): header `time,open,high,low,close,volume`, time in New York ISO 8601. */
import type { BarColumns } from '@shared/market/bar-columns';
import { nyIso } from './ny-format';

export const BARS_CSV_HEADER = 'time,open,high,low,close,volume';

/** One CSV line (no newline) for bar `i`; absent volume is an empty field. */
export function barCsvLine(b: BarColumns, i: number): string {
  const v = b.volume[i] as number;
  return `${nyIso(b.time[i] as number)},${b.open[i]},${b.high[i]},${b.low[i]},${b.close[i]},${Number.isNaN(v) ? '' : v}`;
}
