/** Temporary files and stores for importer tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MarketStore } from '../store/market-store';

export function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), 'nqh-import-'));
}

/** Writes `lines` (joined with \n plus a final newline) to a new temp file. */
export function tmpCsv(name: string, lines: readonly string[]): string {
  const path = join(tmpDir(), name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

export function tmpStore(): MarketStore {
  return new MarketStore(join(tmpDir(), 'market.sqlite'));
}

/** Every stored bar of a series as [iso, o, h, l, c, v]. */
export function dump(
  store: MarketStore,
  timeframe = 1,
  symbol = 'NQ',
): [string, number, number, number, number, number | null][] {
  const { bars } = store.bars(symbol, timeframe);
  const out: [string, number, number, number, number, number | null][] = [];
  for (let i = 0; i < bars.length; i++) {
    const v = bars.volume[i] as number;
    out.push([
      new Date(bars.time[i] as number).toISOString(),
      bars.open[i] as number,
      bars.high[i] as number,
      bars.low[i] as number,
      bars.close[i] as number,
      Number.isNaN(v) ? null : v,
    ]);
  }
  return out;
}
