import { describe, expect, it } from 'vitest';
import type { LevelOverlay, LevelsUpdate, VwapColumns } from '@shared/contracts/level-overlay';
import { LevelData } from './level-data';

const M = 60_000;
// 2024-03-05 15:00 UTC (10:00 ET), on the 5-minute grid.
const T0 = Date.UTC(2024, 2, 5, 15);

type Row = readonly [time: number, vwap: number, starts: number, partial?: number];

/** Columns with the day VWAP = `v` and σ = 1 on every row; other anchors undefined. */
function cols(rows: readonly Row[]) {
  const none = () => ({ vwap: rows.map(() => null), sigma: rows.map(() => null) });
  return {
    time: rows.map((r) => r[0]),
    starts: rows.map((r) => r[2]),
    partial: rows.map((r) => r[3] ?? 0),
    hour: none(),
    day: { vwap: rows.map((r) => r[1]), sigma: rows.map(() => 1) },
    week: none(),
    month: none(),
  } satisfies VwapColumns;
}

const profiles = { session: null, week: null, tpo: null };

function overlay(): LevelOverlay {
  // 5-minute bars at T0 (levels after 10:04) and T0+5 (after 10:06, still open).
  return {
    timeframe: '5m',
    epoch: 2,
    lastMinuteTime: T0 + 6 * M,
    bars: cols([
      [T0, 100, 2, 8],
      [T0 + 5 * M, 101, 0, 8],
    ]),
    ...profiles,
  };
}

function update(over: Partial<LevelsUpdate>): LevelsUpdate {
  return {
    epoch: 2,
    lastMinuteTime: T0 + 10 * M,
    previousMinuteTime: T0 + 5 * M,
    minutes: cols([
      [T0 + 6 * M, 999, 0, 8],
      [T0 + 7 * M, 102, 1, 0],
      [T0 + 10 * M, 103, 0, 0],
    ]),
    ...profiles,
    ...over,
  };
}

describe('LevelData', () => {
  it('folds minute rows into the bar of their bucket, as a fresh load would show them', () => {
    const d = new LevelData('5m');
    d.load(overlay());
    expect(d.apply(update({}))).toBe('applied');
    expect(d.length).toBe(3);
    expect(Array.from(d.time.subarray(0, 3))).toEqual([T0, T0 + 5 * M, T0 + 10 * M]);
    // The minute already loaded (10:06) is skipped; 10:07 is now the open bar's last minute.
    expect(Array.from(d.vwap[1]?.subarray(0, 3) ?? [])).toEqual([100, 102, 103]);
    expect(Array.from(d.starts.subarray(0, 3))).toEqual([2, 1, 0]);
    expect(Array.from(d.partial.subarray(0, 3))).toEqual([8, 0, 0]);
    expect(Number.isNaN(d.vwap[0]?.[0] as number)).toBe(true);
    expect(d.lastMinuteTime).toBe(T0 + 10 * M);
  });

  it('asks for a fresh load after a gap or in another epoch, and ignores old news', () => {
    const d = new LevelData('5m');
    d.load(overlay());
    expect(d.apply(update({ previousMinuteTime: T0 + 8 * M }))).toBe('reload');
    expect(d.apply(update({ epoch: 3 }))).toBe('reload');
    expect(d.apply(update({ lastMinuteTime: T0 + 6 * M }))).toBe('stale');
    expect(d.length).toBe(2);
  });

  it('grows past its first capacity and keeps TPO letters as period masks', () => {
    const d = new LevelData('1m');
    d.load({ ...overlay(), timeframe: '1m', bars: cols([]), lastMinuteTime: T0 - M });
    const rows = Array.from({ length: 300 }, (_, i) => [T0 + i * M, 100 + i, 0] as const);
    const tpo = {
      low: 100,
      binSize: 0.25,
      poc: 100.25,
      vah: 100.5,
      val: 100,
      complete: true,
      rthOpen: T0 - 30 * M,
      periodMinutes: 30,
      period: 2,
      letters: ['A', 'AC', 'BC'],
      ibHigh: 100.5,
      ibLow: 100,
      ibFinal: true,
      singlePrints: [],
    };
    const u = update({
      minutes: cols(rows),
      previousMinuteTime: T0 - M,
      lastMinuteTime: T0 + 299 * M,
      tpo,
    });
    expect(d.apply(u)).toBe('applied');
    expect(d.length).toBe(300);
    expect(d.vwap[1]?.[299]).toBe(399);
    expect(Array.from(d.tpoMasks.subarray(0, 3))).toEqual([1, 5, 6]);
  });
});
