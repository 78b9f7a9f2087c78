/**
 * Intraday seasonality of the synthetic market by New York minute of day: a volatility
 * multiplier, a baseline 1-minute volume, and the weight with which a trend day's drift is
 * spread over the RTH session. Tables of 1440 entries are built once, so the generator's
 * per-minute cost is an array read.
 *
 * Shape, from NQ's well-known profile: a quiet Asia night, a lift at the London open
 * (03:00 ET) and at the 08:30 ET data releases, a U over RTH with a burst at the 09:30 open
 * and another into the 15:45–16:00 close (MOC flows), and a quiet hour before the halt.
 * Volatility multipliers are relative to a mid-RTH minute (≈ 1). The 17:00–18:00 halt
 * carries the pre-halt values; the generator never emits a bar there.
 */

/** 09:30 ET in minutes since midnight. */
export const RTH_OPEN_MINUTE = 9 * 60 + 30;
/** 16:00 ET in minutes since midnight. */
export const RTH_CLOSE_MINUTE = 16 * 60;
const RTH_MINUTES = RTH_CLOSE_MINUTE - RTH_OPEN_MINUTE;
const MINUTES_PER_DAY = 1440;

/** True when New York minute-of-day `m` is inside RTH (09:30–16:00 ET). */
export function isRthMinute(m: number): boolean {
  return m >= RTH_OPEN_MINUTE && m < RTH_CLOSE_MINUTE;
}

/** A decaying burst that starts at minute `at` (0 before it). */
function burst(m: number, at: number, size: number, decayMinutes: number): number {
  return m < at ? 0 : size * Math.exp(-(m - at) / decayMinutes);
}

/** Volatility multiplier relative to a mid-RTH minute. */
function volatilityAt(m: number): number {
  if (isRthMinute(m)) {
    const x = m - RTH_OPEN_MINUTE;
    const u = (x - RTH_MINUTES / 2) / (RTH_MINUTES / 2);
    const intoClose = m >= 15 * 60 + 45 ? 0.45 : 0;
    return 0.72 + 0.45 * u * u + burst(x, 0, 1.6, 12) + intoClose;
  }
  if (m >= 16 * 60 && m < 18 * 60) return 0.32 + burst(m, 16 * 60, 0.3, 15);
  if (m >= 18 * 60) return (m < 20 * 60 ? 0.36 : 0.28) + burst(m, 18 * 60, 0.25, 20);
  if (m < 3 * 60) return m < 2 * 60 ? 0.28 : 0.34;
  if (m < 8 * 60 + 30) return 0.42 + burst(m, 3 * 60, 0.25, 30);
  return 0.55 + burst(m, 8 * 60 + 30, 0.9, 4);
}

/** Baseline contracts per minute on an ordinary day. */
function volumeAt(m: number): number {
  if (isRthMinute(m)) {
    const x = m - RTH_OPEN_MINUTE;
    const u = (x - RTH_MINUTES / 2) / (RTH_MINUTES / 2);
    const intoClose = m >= 15 * 60 + 45 ? 900 + 120 * (m - (15 * 60 + 45)) : 0;
    return 620 + 700 * u * u + burst(x, 0, 2600, 10) + burst(x, 0, 900, 45) + intoClose;
  }
  if (m >= 16 * 60 && m < 18 * 60) return 70 + burst(m, 16 * 60, 260, 12);
  if (m >= 18 * 60) return (m < 20 * 60 ? 70 : 45) + burst(m, 18 * 60, 120, 15);
  if (m < 3 * 60) return m < 2 * 60 ? 45 : 70;
  if (m < 8 * 60 + 30) return 110 + burst(m, 3 * 60, 80, 30);
  return 240 + burst(m, 8 * 60 + 30, 500, 5);
}

function buildTable(f: (m: number) => number): Float64Array {
  const table = new Float64Array(MINUTES_PER_DAY);
  for (let m = 0; m < MINUTES_PER_DAY; m++) table[m] = f(m);
  return table;
}

/** Volatility multiplier by New York minute of day. */
export const VOLATILITY_BY_MINUTE: Float64Array = buildTable(volatilityAt);

/** Baseline 1-minute volume (contracts) by New York minute of day. */
export const VOLUME_BY_MINUTE: Float64Array = buildTable(volumeAt);

/**
 * Share of a trend day's RTH drift falling in each minute: proportional to volatility so
 * the move comes with activity (the open drive, the afternoon push); sums to 1 over RTH.
 */
export const TREND_WEIGHT_BY_MINUTE: Float64Array = (() => {
  const table = new Float64Array(MINUTES_PER_DAY);
  let sum = 0;
  for (let m = RTH_OPEN_MINUTE; m < RTH_CLOSE_MINUTE; m++) sum += volatilityAt(m);
  for (let m = RTH_OPEN_MINUTE; m < RTH_CLOSE_MINUTE; m++) table[m] = volatilityAt(m) / sum;
  return table;
})();
