/**
 * The fallback stop distance (DOMAIN.md, "Position sizing and risk"): 1.5 × the median
 * five-minute bar range (high − low) of the last 24 five-minute bars, the current one
 * included, clamped to [8, 200] ticks. It is a label input, so it sees only bars that have
 * closed: the streaming window below is the one implementation, used bar by bar live and
 * by the batch labeller alike.
 *
 * The distance is rounded UP to the tick before clamping, as the bracket rule rounds the
 * stop away from the entry: the label then describes the bracket the engine would place.
 * With prices on the tick grid this changes no label (a bar reaches entry − s exactly when
 * it reaches entry − ceilTick(s)); it only makes the 2s target the bracket's 2 × ceilTick(s).
 */
import { TICK_SIZE } from '@shared/domain/instrument';

/** Tunables of the stop-distance rule. */
export interface StopDistanceRule {
  /** Bars in the median (default 24). */
  readonly window: number;
  /** Multiplier of the median range (default 1.5). */
  readonly multiplier: number;
  /** Clamp, in ticks of 0.25 (defaults 8 and 200). */
  readonly minTicks: number;
  readonly maxTicks: number;
}

/** DOMAIN.md defaults. */
export const DEFAULT_STOP_DISTANCE_RULE: StopDistanceRule = {
  window: 24,
  multiplier: 1.5,
  minTicks: 8,
  maxTicks: 200,
};

/**
 * Guards the round-up against binary noise in off-grid inputs (e.g. 2.0000000001 ticks must
 * not become 3). On-grid prices make every step exact, so this never matters for real bars.
 */
const TICK_EPSILON = 1e-9;

/** multiplier × median, rounded up to the tick, clamped to [minTicks, maxTicks] ticks (points). */
export function stopDistanceFromMedian(medianRange: number, rule: StopDistanceRule): number {
  const raw = (rule.multiplier * medianRange) / TICK_SIZE;
  const ticks = Math.min(rule.maxTicks, Math.max(rule.minTicks, Math.ceil(raw - TICK_EPSILON)));
  return ticks * TICK_SIZE;
}

/**
 * Rolling stop distance over five-minute bars. `push` takes the bar that has just closed and
 * returns the stop distance at that bar, NaN until `window` bars have been seen. The window
 * is kept sorted incrementally, so a push is O(window) and allocates nothing.
 */
export class StopDistanceWindow {
  private readonly rule: StopDistanceRule;
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private count = 0;
  private next = 0;

  constructor(rule: StopDistanceRule = DEFAULT_STOP_DISTANCE_RULE) {
    if (!Number.isInteger(rule.window) || rule.window < 1) {
      throw new RangeError(`stop window must be a positive integer, got ${rule.window}`);
    }
    this.rule = rule;
    this.ring = new Float64Array(rule.window);
    this.sorted = new Float64Array(rule.window);
  }

  /** Forgets every bar (e.g. at a new series). */
  reset(): void {
    this.count = 0;
    this.next = 0;
  }

  /** Adds the bar that has just closed; returns the stop distance at it (NaN in warm-up). */
  push(high: number, low: number): number {
    const range = high - low;
    if (!(range >= 0) || !Number.isFinite(range)) {
      throw new RangeError(`bar range must be finite and ≥ 0, got high ${high} low ${low}`);
    }
    const w = this.ring.length;
    if (this.count === w) this.removeSorted(this.ring[this.next] as number);
    this.insertSorted(range);
    this.ring[this.next] = range;
    this.next = this.next + 1 === w ? 0 : this.next + 1;
    return this.count < w ? Number.NaN : stopDistanceFromMedian(this.median(), this.rule);
  }

  /** Median of the ranges held (the mean of the middle two for an even count). */
  median(): number {
    const n = this.count;
    if (n === 0) return Number.NaN;
    const mid = n >> 1;
    const upper = this.sorted[mid] as number;
    return n % 2 === 1 ? upper : ((this.sorted[mid - 1] as number) + upper) / 2;
  }

  private insertSorted(v: number): void {
    let i = this.count;
    while (i > 0 && (this.sorted[i - 1] as number) > v) {
      this.sorted[i] = this.sorted[i - 1] as number;
      i--;
    }
    this.sorted[i] = v;
    this.count++;
  }

  private removeSorted(v: number): void {
    let i = 0;
    while (i < this.count && this.sorted[i] !== v) i++;
    for (; i + 1 < this.count; i++) this.sorted[i] = this.sorted[i + 1] as number;
    this.count--;
  }
}
