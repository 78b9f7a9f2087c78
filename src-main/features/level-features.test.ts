import { describe, expect, it } from 'vitest';
import { LEVEL_FEATURES, levelFeatures } from './level-features';
import { LevelColumns } from './levels/level-columns';
import { LevelBit } from './levels/level-names';

const MIN = 60_000;
// Decision rows of Tue 2024-03-05 (New York is UTC−5): each row's time is its 5-minute
// bar's last minute, 09:44 ET … 10:14 ET, so the hour anchor starts afresh at row 4.
const T0 = Date.UTC(2024, 2, 5, 14, 44);
const ROWS = 7;

function table(): {
  levels: LevelColumns;
  close: Float64Array;
  scale: Float64Array;
  out: Record<string, Float64Array>;
  warm: Uint8Array;
} {
  const levels = new LevelColumns(ROWS);
  for (let i = 0; i < ROWS; i++) levels.time[i] = T0 + 5 * i * MIN;
  const out = Object.fromEntries(LEVEL_FEATURES.map((k) => [k, new Float64Array(ROWS)]));
  return {
    levels,
    close: new Float64Array(ROWS).fill(104),
    scale: new Float64Array(ROWS).fill(4),
    out,
    warm: new Uint8Array(ROWS),
  };
}

const col = (out: Record<string, Float64Array>, name: string): number[] => [
  ...(out[name] as Float64Array),
];

describe('level features', () => {
  it("measures a VWAP's slope within its own anchor period only", () => {
    const t = table();
    const L = t.levels.level;
    // Hour VWAP: 100 … 103 in the 09:00 hour, then 200, 202, 205 in the 10:00 hour.
    [100, 101, 102, 103, 200, 202, 205].forEach((v, i) => {
      L.vwapHour[i] = v;
      L.sigmaHour[i] = 2;
      t.levels.defined[i] = LevelBit.hourVwap;
      t.levels.complete[i] = LevelBit.hourVwap;
    });
    levelFeatures(t.levels, t.close, t.scale, t.out, t.warm);
    // Per row, in median ranges (4): row 3 from row 0: (103 − 100) / (3 · 4) = 0.25; row 4
    // opens the hour: 0; row 5: (202 − 200) / 4 = 0.5; row 6: (205 − 200) / (2 · 4) = 0.625.
    // Across the reset it would be (205 − 100) / … : the old VWAP is never compared.
    expect(col(t.out, 'lvl.vwap_h_slope')).toEqual([0, 0.25, 0.25, 0.25, 0, 0.5, 0.625]);
    // Close 104 against VWAP 103, σ 2: z 0.5, 4 ticks, band 0; against 205: z −50.5 → capped.
    expect(t.out['lvl.vwap_h_z']?.[3]).toBe(0.5);
    expect(t.out['lvl.vwap_h_ticks']?.[3]).toBe(4);
    expect(t.out['lvl.vwap_h_band']?.[3]).toBe(0);
    expect(t.out['lvl.vwap_h_z']?.[6]).toBe(-50);
    expect(t.out['lvl.vwap_h_band']?.[6]).toBe(-3);
    expect(col(t.out, 'lvl.vwap_h_defined')).toEqual([1, 1, 1, 1, 1, 1, 1]);
    // Anchors not defined on a row give 0 with their flag at 0.
    expect(col(t.out, 'lvl.vwap_d_defined')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(col(t.out, 'lvl.vwap_d_slope')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect([...t.warm]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('gives the same slope row by row (the stream) as over all rows (the batch)', () => {
    const batch = table();
    const stream = table();
    for (const t of [batch, stream]) {
      [100, 101, 102, 103, 200, 202, 205].forEach((v, i) => {
        t.levels.level.vwapDay[i] = v;
        t.levels.level.sigmaDay[i] = 3;
        // The day VWAP is undefined on row 1: the slope of row 2 reaches back to row 0.
        t.levels.defined[i] = i === 1 ? 0 : LevelBit.dayVwap;
        t.levels.complete[i] = LevelBit.dayVwap;
      });
    }
    levelFeatures(batch.levels, batch.close, batch.scale, batch.out, batch.warm);
    for (let i = 0; i < ROWS; i++) {
      levelFeatures(stream.levels, stream.close, stream.scale, stream.out, stream.warm, i, i + 1);
    }
    // One trade date throughout: rows 4.. compare with rows 0.. (no reset of the day anchor).
    expect(col(batch.out, 'lvl.vwap_d_slope')).toEqual([
      0,
      0,
      (102 - 100) / (2 * 4),
      (103 - 100) / (3 * 4),
      (200 - 100) / (4 * 4),
      (202 - 100) / (5 * 4),
      (205 - 100) / (6 * 4),
    ]);
    expect(col(stream.out, 'lvl.vwap_d_slope')).toEqual(col(batch.out, 'lvl.vwap_d_slope'));
  });

  it('measures profile, TPO and initial-balance distances in median ranges', () => {
    const t = table();
    const L = t.levels.level;
    const i = 2;
    // Session profile: POC 100, VA 98–106, HVNs 105 above and 101 below, an LVN 99 below.
    L.sessionPoc[i] = 100;
    L.sessionVah[i] = 106;
    L.sessionVal[i] = 98;
    L.sessionHvnAbove[i] = 105;
    L.sessionHvnBelow[i] = 101;
    L.sessionLvnBelow[i] = 99;
    // TPO: POC 104.5, VA 100–106, a single print at 96 below; IB 100–108.
    L.tpoPoc[i] = 104.5;
    L.tpoVah[i] = 106;
    L.tpoVal[i] = 100;
    L.singlePrintBelow[i] = 96;
    L.ibHigh[i] = 108;
    L.ibLow[i] = 100;
    const bits = LevelBit.sessionProfile | LevelBit.tpo | LevelBit.initialBalance;
    t.levels.defined[i] = bits;
    t.levels.complete[i] = bits;
    // Row 3: the same session profile but its day was cut off by the start of the data.
    t.levels.defined[3] = LevelBit.sessionProfile;
    levelFeatures(t.levels, t.close, t.scale, t.out, t.warm);
    const at = (name: string): number => t.out[name]?.[i] as number;
    // Close 104, median range 4.
    expect(at('lvl.vp_s_poc')).toBe(1); // (104 − 100) / 4
    expect(at('lvl.vp_s_vah')).toBe(-0.5); // (104 − 106) / 4
    expect(at('lvl.vp_s_val')).toBe(1.5); // (104 − 98) / 4
    expect(at('lvl.vp_s_in_va')).toBe(0); // inside
    expect(at('lvl.vp_s_va_width')).toBe(2); // 8 / 4
    expect(at('lvl.vp_s_hvn')).toBe(0.25); // nearer of 105 (1 above) and 101 (3 below)
    expect(at('lvl.vp_s_lvn')).toBe(1.25); // none above; 99 is 5 below
    expect(at('lvl.vp_s_defined')).toBe(1);
    expect(at('lvl.tpo_poc')).toBe(-0.125); // (104 − 104.5) / 4
    expect(at('lvl.tpo_shape')).toBe(0.25); // (104.5 − 103) / 6: POC in the upper half
    expect(at('lvl.tpo_single_above')).toBe(50); // none above: capped far away
    expect(at('lvl.tpo_single_below')).toBe(2); // (104 − 96) / 4
    expect(at('lvl.ib_range')).toBe(2); // 8 / 4
    expect(at('lvl.ib_pos')).toBe(0.5); // (104 − 100) / 8
    expect(at('lvl.ib_defined')).toBe(1);
    expect(at('lvl.vp_w_defined')).toBe(0);
    expect([...t.warm]).toEqual([0, 0, 0, 1, 0, 0, 0]);
  });
});
