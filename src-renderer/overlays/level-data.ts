/**
 * The renderer's copy of main's price levels for one chart timeframe, as typed arrays the
 * primitives read while drawing: VWAP and σ per anchor per chart bar (NaN = undefined), the
 * period starts, the bar times in chart seconds, and the current profiles (the TPO letters
 * also as one bit mask per bin, so drawing never parses strings).
 *
 * Live `levels.update` events carry 1-minute rows; each is folded into the chart bar of its
 * bucket exactly as main selects rows for `getLevelOverlay` (a bar shows the levels after its
 * last closed minute), so a loaded-then-updated copy equals a fresh load.
 */
import type { Timeframe } from '@shared/domain/bar';
import { bucketStart } from '@shared/market/aggregate';
import {
  LEVEL_OVERLAY_MAX_BARS,
  OVERLAY_VWAP_ANCHORS,
  type LevelOverlay,
  type LevelsUpdate,
  type TpoProfileWire,
  type VolumeProfileWire,
  type VwapColumns,
} from '@shared/contracts/level-overlay';
import { toChartSeconds } from '../format';

const ANCHORS = OVERLAY_VWAP_ANCHORS.length;

/** What an update did: folded in, nothing new, or a gap/new epoch that needs a fresh load. */
export type ApplyResult = 'applied' | 'stale' | 'reload';

/** Levels of one timeframe as typed arrays, loaded and then kept current by updates. */
export class LevelData {
  /** Bumps with every change, so views recompute only when something changed. */
  version = 0;
  epoch = -1;
  lastMinuteTime = 0;
  length = 0;
  /** Bar start, UTC ms, and the same instant as the chart's time (shifted seconds). */
  time = new Float64Array(0);
  chartTime = new Float64Array(0);
  /** Bit a: anchor a began a new period within the bar. */
  starts = new Uint8Array(0);
  /** Bit a: anchor a's period began before the data did (a partial VWAP, drawn fainter). */
  partial = new Uint8Array(0);
  /** VWAP and σ of anchor a (OVERLAY_VWAP_ANCHORS order). */
  vwap: Float64Array[] = [];
  sigma: Float64Array[] = [];
  session: VolumeProfileWire | null = null;
  week: VolumeProfileWire | null = null;
  tpo: TpoProfileWire | null = null;
  /** Period bits per TPO bin (bit p = letter p). */
  tpoMasks = new Uint32Array(0);

  constructor(readonly timeframe: Timeframe) {
    this.allocate(0);
  }

  /** Replaces everything with a `getLevelOverlay` answer. */
  load(o: LevelOverlay): void {
    const n = o.bars.time.length;
    this.allocate(n);
    this.length = 0;
    this.appendColumns(o.bars, 0, (t) => t);
    this.epoch = o.epoch;
    this.lastMinuteTime = o.lastMinuteTime;
    this.setProfiles(o);
  }

  /** Folds a live update in, or says why it cannot be. */
  apply(u: LevelsUpdate): ApplyResult {
    if (u.epoch !== this.epoch) return 'reload';
    if (u.lastMinuteTime <= this.lastMinuteTime) return 'stale';
    if (u.previousMinuteTime > this.lastMinuteTime) return 'reload';
    const m = u.minutes;
    let first = 0;
    while (first < m.time.length && (m.time[first] as number) <= this.lastMinuteTime) first++;
    this.appendColumns(m, first, (t) => bucketStart(t, this.timeframe));
    this.lastMinuteTime = u.lastMinuteTime;
    this.setProfiles(u);
    return 'applied';
  }

  private setProfiles(s: Pick<LevelOverlay, 'session' | 'week' | 'tpo'>): void {
    this.session = s.session;
    this.week = s.week;
    this.tpo = s.tpo;
    const letters = s.tpo?.letters ?? [];
    if (this.tpoMasks.length < letters.length) this.tpoMasks = new Uint32Array(letters.length);
    for (let k = 0; k < letters.length; k++) {
      const word = letters[k] as string;
      let mask = 0;
      for (let c = 0; c < word.length; c++) mask |= 1 << (word.charCodeAt(c) - 65);
      this.tpoMasks[k] = mask;
    }
    this.version++;
  }

  /**
   * Appends rows `from..` of `c`, each at bar time `barOf(row time)`; a row of the bar
   * already last replaces its levels (a later minute of the same bar) and adds its starts.
   */
  private appendColumns(c: VwapColumns, from: number, barOf: (t: number) => number): void {
    const lines = OVERLAY_VWAP_ANCHORS.map((a) => c[a]);
    for (let r = from; r < c.time.length; r++) {
      const t = barOf(c.time[r] as number);
      let i = this.length - 1;
      if (i < 0 || this.time[i] !== t) {
        if (this.length === this.time.length) this.makeRoom();
        i = this.length++;
        this.time[i] = t;
        this.chartTime[i] = toChartSeconds(t);
        this.starts[i] = 0;
      }
      this.starts[i] = (this.starts[i] as number) | (c.starts[r] as number);
      this.partial[i] = c.partial[r] as number;
      for (let a = 0; a < ANCHORS; a++) {
        const line = lines[a];
        (this.vwap[a] as Float64Array)[i] = line?.vwap[r] ?? Number.NaN;
        (this.sigma[a] as Float64Array)[i] = line?.sigma[r] ?? Number.NaN;
      }
    }
  }

  /** Doubles the capacity, or drops the oldest half once a session has run very long. */
  private makeRoom(): void {
    const n = this.length;
    if (n >= 2 * LEVEL_OVERLAY_MAX_BARS) {
      const keep = LEVEL_OVERLAY_MAX_BARS;
      const shift = (a: Float64Array | Uint8Array) => a.copyWithin(0, n - keep, n);
      shift(this.time);
      shift(this.chartTime);
      shift(this.starts);
      shift(this.partial);
      for (const a of [...this.vwap, ...this.sigma]) shift(a);
      this.length = keep;
      return;
    }
    this.allocate(Math.max(64, n * 2), n);
  }

  /** New arrays of `capacity`, keeping the first `keep` rows. */
  private allocate(capacity: number, keep = 0): void {
    const grow = <T extends Float64Array | Uint8Array>(old: T | undefined, fresh: T): T => {
      if (old && keep > 0) fresh.set(old.subarray(0, keep));
      return fresh;
    };
    this.time = grow(this.time, new Float64Array(capacity));
    this.chartTime = grow(this.chartTime, new Float64Array(capacity));
    this.starts = grow(this.starts, new Uint8Array(capacity));
    this.partial = grow(this.partial, new Uint8Array(capacity));
    this.vwap = Array.from({ length: ANCHORS }, (_, a) =>
      grow(this.vwap[a], new Float64Array(capacity)),
    );
    this.sigma = Array.from({ length: ANCHORS }, (_, a) =>
      grow(this.sigma[a], new Float64Array(capacity)),
    );
    this.length = keep;
  }
}
