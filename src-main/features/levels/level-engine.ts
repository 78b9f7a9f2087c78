/**
 * The price-level engine (DOMAIN.md, "Price levels"): VWAP with σ per hour/day/week/month
 * anchor, session and rolling week volume profiles (POC, value area, HVN/LVN) and the RTH
 * TPO profile (POC, value area, initial balance, single prints), from 1-minute bars.
 *
 * Streaming and batch are this one class: `push` bars one at a time and read the levels
 * whenever a decision is due; `computeLevels` just does that over a whole BarColumns. The
 * levels after bar k depend on bars 0..k only (no lookahead), and include bar k's volume.
 *
 * Cost: a bar costs O(its range in ticks): spreading its volume, updating the POC
 * candidates and the smoothed profile, marking TPO bins. Reading levels costs O(what changed
 * since the last read), not O(profile): the value area resumes from its first step that
 * read a changed bin, nodes are re-classified only around the changed bins, the TPO is
 * analysed only when it changed. Buffers are reused; nothing is allocated per bar.
 *
 * Absent volume (NaN): the VWAP of every anchor period holding such a bar, and the profiles
 * holding it, are undefined (flag cleared, NaN) until the period ends; zero volume is a
 * legitimate bar that adds nothing. The TPO never needs volume.
 */
import { DomainValueError } from '@shared/domain/brand';
import type { BarColumns } from '@shared/market/bar-columns';
import { AnchorClock } from './anchor-clock';
import type { LevelColumns } from './level-columns';
import { LEVEL, LEVEL_COUNT, LevelBit, type LevelName } from './level-names';
import { resolveLevelOptions, type LevelOptions, type ResolvedLevelOptions } from './level-options';
import { ProfileLevels } from './profile-levels';
import { TpoProfile } from './tpo-profile';
import type { VolumeHistogram } from './volume-histogram';
import { VolumeProfiles } from './volume-profiles';
import { VwapAccumulator } from './vwap-accumulator';

const MINUTE_MS = 60_000;
/** Prices are tick indices below this (2^30: a small integer for V8, exact in int32). */
const MAX_TICK = 2 ** 30;

/** VWAP anchors, in column order. */
export const VWAP_ANCHORS = ['hour', 'day', 'week', 'month'] as const;
/** One VWAP anchor. */
export type VwapAnchor = (typeof VWAP_ANCHORS)[number];

const VWAP_BITS = [LevelBit.hourVwap, LevelBit.dayVwap, LevelBit.weekVwap, LevelBit.monthVwap];

/** Streaming price levels: push 1-minute bars, read the levels as of the last one. */
export class LevelEngine {
  readonly options: ResolvedLevelOptions;
  // Read-only state for the chart views (`level-views.ts`); only `push` changes it.
  readonly vwaps: readonly VwapAccumulator[];
  readonly profiles: VolumeProfiles;
  readonly tpo = new TpoProfile();
  readonly sessionLevels = new ProfileLevels();
  readonly weekLevels = new ProfileLevels();
  private readonly clock: AnchorClock;
  /** Anchor keys of the bar being pushed, and of the first bar (for `complete`). */
  private readonly keys = new Float64Array(4);
  private readonly firstKeys = new Float64Array(4);
  private readonly values = new Float64Array(LEVEL_COUNT);
  private definedBits = 0;
  private completeBits = 0;
  private dirty = true;
  private count = 0;
  private firstTime = Number.NaN;
  private lastTime = -Infinity;
  private lastClose = Number.NaN;
  private dayKey = Number.NaN;
  private firstDayKey = Number.NaN;

  constructor(options: LevelOptions = {}) {
    this.options = resolveLevelOptions(options);
    this.clock = new AnchorClock(this.options.tpoPeriodMinutes);
    this.vwaps = VWAP_ANCHORS.map(() => new VwapAccumulator());
    this.profiles = new VolumeProfiles(this.options.weekDays, this.options.nodes);
  }

  /** Bars pushed so far. */
  get barCount(): number {
    return this.count;
  }

  /** Start time of the last bar pushed (-Infinity before the first). */
  get lastBarTime(): number {
    return this.lastTime;
  }

  /** Adds bar `i` of `bars`. */
  pushFrom(bars: BarColumns, i: number): void {
    this.push(
      bars.time[i] as number,
      bars.open[i] as number,
      bars.high[i] as number,
      bars.low[i] as number,
      bars.close[i] as number,
      bars.volume[i] as number,
    );
  }

  /**
   * Adds the 1-minute bar starting at UTC ms `t`. Times must increase; prices must be
   * finite with high ≥ low; volume is ≥ 0, or NaN when the source has none.
   */
  push(t: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (!(t > this.lastTime)) {
      throw new RangeError(`bar time ${t} is not after the last bar ${this.lastTime}`);
    }
    if (!(Number.isFinite(t) && Number.isFinite(open) && Number.isFinite(close))) {
      throw new DomainValueError(`bar at ${t}: time, open and close must be finite`);
    }
    if (!(Number.isFinite(high) && Number.isFinite(low) && high >= low)) {
      throw new DomainValueError(`bar at ${t}: needs finite high ≥ low, got ${high} / ${low}`);
    }
    const tick = this.options.tickSize;
    const lowTicks = Math.round(low / tick);
    const highTicks = Math.round(high / tick);
    if (!(Math.abs(highTicks) < MAX_TICK && Math.abs(lowTicks) < MAX_TICK)) {
      throw new DomainValueError(`bar at ${t}: price ${high} / ${low} is beyond ${MAX_TICK} ticks`);
    }
    if (!(volume >= 0 && volume < Infinity) && !Number.isNaN(volume)) {
      throw new DomainValueError(`bar at ${t}: volume must be ≥ 0 or NaN (absent), got ${volume}`);
    }
    const clock = this.clock;
    clock.update(t);
    const keys = this.keys;
    keys[0] = clock.hourKey;
    keys[1] = clock.dayKey;
    keys[2] = clock.weekKey;
    keys[3] = clock.monthKey;
    if (this.count === 0) {
      this.firstTime = t;
      this.firstDayKey = clock.dayKey;
      this.firstKeys.set(keys);
    }
    const tp = (high + low + close) / 3;
    for (let a = 0; a < 4; a++) {
      const acc = this.vwaps[a] as VwapAccumulator;
      const key = keys[a] as number;
      if (acc.key !== key) acc.reset(key);
      acc.add(tp, volume);
    }
    if (clock.dayKey !== this.dayKey) {
      this.dayKey = clock.dayKey;
      this.profiles.startDay(clock.dayKey);
    }
    // Small integers (checked above): V8 then passes them as Smis, not boxed numbers.
    const loTick = lowTicks | 0;
    const hiTick = highTicks | 0;
    this.profiles.add(loTick, hiTick, volume);
    if (clock.tpoPeriod >= 0) {
      // The TPO stays that of the latest RTH until the next RTH opens: overnight a trader
      // still reads the day's profile, which the 18:00 change of trade date does not end.
      if (this.tpo.dayKey !== clock.dayKey) this.tpo.reset(clock.dayKey, clock.rthOpen);
      this.tpo.add(clock.tpoPeriod, high, low, loTick, hiTick);
    }
    this.lastTime = t;
    this.lastClose = close;
    this.count++;
    this.dirty = true;
  }

  /** Current levels in `LEVEL_NAMES` order (a reused buffer: copy what you keep). */
  levels(): Float64Array {
    this.compute();
    return this.values;
  }

  /** One current level by name. */
  level(name: LevelName): number {
    this.compute();
    return this.values[LEVEL[name]] as number;
  }

  /** `LevelBit` set of the defined groups. */
  get defined(): number {
    this.compute();
    return this.definedBits;
  }

  /** `LevelBit` set of the groups observed from the start of their period. */
  get complete(): number {
    this.compute();
    return this.completeBits;
  }

  /** Writes the current levels into row `row` of `out` (index and time are the caller's). */
  writeRow(out: LevelColumns, row: number): void {
    this.compute();
    const columns = out.columns;
    for (let k = 0; k < LEVEL_COUNT; k++) {
      (columns[k] as Float64Array)[row] = this.values[k] as number;
    }
    out.defined[row] = this.definedBits;
    out.complete[row] = this.completeBits;
  }

  private compute(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const v = this.values;
    v.fill(Number.NaN);
    let defined = 0;
    let complete = 0;
    for (let a = 0; a < 4; a++) {
      const acc = this.vwaps[a] as VwapAccumulator;
      if (!acc.defined) continue;
      v[2 * a] = acc.vwap;
      v[2 * a + 1] = acc.sigma;
      defined |= VWAP_BITS[a] as number;
      if (acc.key !== this.firstKeys[a]) complete |= VWAP_BITS[a] as number;
    }
    const p = this.profiles;
    if (p.sessionDefined) {
      this.profileRow(p.session, this.sessionLevels, LEVEL.sessionPoc);
      defined |= LevelBit.sessionProfile;
      if (this.dayKey !== this.firstDayKey) complete |= LevelBit.sessionProfile;
    }
    if (p.weekDefined) {
      this.profileRow(p.week, this.weekLevels, LEVEL.weekPoc);
      defined |= LevelBit.weekProfile;
      const full = p.daysInWindow === this.options.weekDays;
      if (full && p.oldestDayKey !== this.firstDayKey) complete |= LevelBit.weekProfile;
    }
    const tpo = this.tpo;
    if (tpo.defined) {
      tpo.analyze(this.options.valueAreaShare);
      // The initial balance is the range of periods A and B: defined once B is over, not
      // while it forms (the TPO view shows it forming, with `ibFinal`).
      const ibEnd = tpo.rthOpen + 2 * this.options.tpoPeriodMinutes * MINUTE_MS;
      const ibFinal = !Number.isNaN(tpo.ibHigh) && this.lastTime + MINUTE_MS >= ibEnd;
      this.tpoRow(ibFinal);
      defined |= LevelBit.tpo;
      const whole = this.firstTime < tpo.rthOpen;
      if (whole) complete |= LevelBit.tpo;
      if (ibFinal) {
        defined |= LevelBit.initialBalance;
        if (whole) complete |= LevelBit.initialBalance;
      }
    }
    this.definedBits = defined;
    this.completeBits = complete;
  }

  /** Writes POC, VAH, VAL and the nearest HVN/LVN either side of the close at column `at`. */
  private profileRow(h: VolumeHistogram, pl: ProfileLevels, at: number): void {
    const o = this.options;
    pl.analyzeVolume(h, o.valueAreaShare);
    const v = this.values;
    const ts = o.tickSize;
    // Node ticks at or above the close, and strictly below it.
    const up = Math.ceil(this.lastClose / ts);
    v[at] = pl.poc * ts;
    v[at + 1] = pl.vah * ts;
    v[at + 2] = pl.val * ts;
    v[at + 3] = h.nearestNode(1, up, 1) * ts;
    v[at + 4] = h.nearestNode(1, up - 1, -1) * ts;
    v[at + 5] = h.nearestNode(-1, up, 1) * ts;
    v[at + 6] = h.nearestNode(-1, up - 1, -1) * ts;
  }

  private tpoRow(ibFinal: boolean): void {
    const tpo = this.tpo;
    const pl = tpo.levels;
    const v = this.values;
    const ts = this.options.tickSize;
    const c = this.lastClose;
    v[LEVEL.tpoPoc] = pl.poc * ts;
    v[LEVEL.tpoVah] = pl.vah * ts;
    v[LEVEL.tpoVal] = pl.val * ts;
    if (ibFinal) {
      v[LEVEL.ibHigh] = tpo.ibHigh;
      v[LEVEL.ibLow] = tpo.ibLow;
    }
    // Each single-print bin is a level; report the nearest one either side of the close.
    let above = Number.NaN;
    let below = Number.NaN;
    for (let r = 0; r < tpo.singleCount; r++) {
      const lo = (tpo.singles[2 * r] as number) * ts;
      const hi = (tpo.singles[2 * r + 1] as number) * ts;
      if (Number.isNaN(above) && hi >= c) above = Math.max(lo, Math.ceil(c / ts) * ts);
      if (lo < c) below = Math.min(hi, (Math.ceil(c / ts) - 1) * ts);
    }
    v[LEVEL.singlePrintAbove] = above;
    v[LEVEL.singlePrintBelow] = below;
  }
}
