/**
 * Causal roll adjustment of an unadjusted continuous futures series (DOMAIN.md: "Features
 * and labels never span a roll without adjustment").
 *
 * Each bar is moved by the summed gaps of the rolls at or before its own start:
 * `adjusted = raw − G(t)`, `G(t) = Σ gap of rolls with time ≤ t`. No later roll touches a
 * bar, so a feature computed on the adjusted series at decision t uses nothing after t. The
 * adjusted series has no jump at a roll (the gap, new contract minus old, is taken out of
 * the new contract's bars), so every difference of prices across a roll is the one a
 * back-adjusted (difference method) view as of t would give. What needs the real price
 * level adds G(t) back: a log return over a window is ln((c′ᵢ + G)/(c′ⱼ + G)) with G the
 * decision's offset (both prices in the decision's contract), and a displayed level is
 * level′ + G.
 *
 * Why not the back-adjusted view (`back-adjust.ts`): it moves every bar by the gaps of the
 * rolls after it, which a decision before those rolls could not know: ratios of its prices
 * would carry lookahead.
 */
import { DomainValueError } from '../domain/brand';
import { BarColumns } from './bar-columns';

/** A roll of a continuous series: its first new-contract bar and the jump there. */
export interface PriceRoll {
  /** Start of the first bar of the new contract, UTC ms. */
  readonly time: number;
  /** New contract's price minus the old one's at the roll, points. */
  readonly gap: number;
}

/** Rolls sorted by time, each checked (finite time and gap, no two at one time). */
export function sortedRolls(rolls: readonly PriceRoll[]): PriceRoll[] {
  const sorted = rolls.map((r) => ({ time: r.time, gap: r.gap })).sort((a, b) => a.time - b.time);
  for (let k = 0; k < sorted.length; k++) {
    const r = sorted[k] as PriceRoll;
    if (!Number.isFinite(r.time) || !Number.isFinite(r.gap)) {
      throw new DomainValueError(
        `roll ${k}: time and gap must be finite, got ${r.time} / ${r.gap}`,
      );
    }
    if (k > 0 && r.time === (sorted[k - 1] as PriceRoll).time) {
      throw new DomainValueError(`two rolls at ${new Date(r.time).toISOString()}`);
    }
  }
  return sorted;
}

/**
 * G(t) for times that only increase, bar by bar (the live stream and the overlays; the batch
 * fills the same G by segments, `adjustForRolls`, and tests hold the two equal). Rolls may be
 * added while it runs (a live roll), after the last time asked.
 */
export class RollOffset {
  private readonly rolls: PriceRoll[];
  private next = 0;
  private offset = 0;
  private last = -Infinity;

  constructor(rolls: readonly PriceRoll[] = []) {
    this.rolls = sortedRolls(rolls);
  }

  /** The summed gap of the rolls at or before t (t at or after the last t asked). */
  at(t: number): number {
    if (t < this.last) throw new RangeError(`roll offset asked for ${t} after ${this.last}`);
    this.last = t;
    const rolls = this.rolls;
    while (this.next < rolls.length && (rolls[this.next] as PriceRoll).time <= t) {
      this.offset += (rolls[this.next++] as PriceRoll).gap;
    }
    return this.offset;
  }

  /** Adds a roll that starts after every time asked so far. */
  add(roll: PriceRoll): void {
    if (!(roll.time > this.last)) {
      throw new RangeError(
        `a roll at ${roll.time} is not after the last bar adjusted (${this.last})`,
      );
    }
    // The rolls not yet reached, with the new one, in time order (checked as a whole).
    const pending = sortedRolls([...this.rolls.slice(this.next), roll]);
    this.rolls.length = this.next;
    this.rolls.push(...pending);
  }
}

/** The adjusted series and each bar's offset G (null, and the input itself, without rolls). */
export interface RollAdjusted {
  readonly bars: BarColumns;
  readonly offset: Float64Array | null;
}

/**
 * Moves each bar of `raw` by −G(its start) (see the header); `raw` itself when nothing moves.
 * G is constant between rolls, so it is filled segment by segment (a roll's first bar found
 * by binary search) and the price columns are written in plain loops: a year of minutes in a
 * few milliseconds, which a batch pays before any feature work starts.
 */
export function adjustForRolls(raw: BarColumns, rolls: readonly PriceRoll[]): RollAdjusted {
  const n = raw.length;
  const offset = new Float64Array(n);
  let moved = false;
  let g = 0;
  let from = 0;
  for (const r of sortedRolls(rolls)) {
    const at = raw.lowerBound(r.time);
    if (g !== 0 && at > from) moved = true;
    offset.fill(g, from, at);
    from = Math.max(from, at);
    g += r.gap;
  }
  if (g !== 0 && n > from) moved = true;
  offset.fill(g, from, n);
  if (!moved) return { bars: raw, offset: null };
  const shift = (column: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = (column[i] as number) - (offset[i] as number);
    return out;
  };
  const bars = BarColumns.adopt({
    time: raw.time.slice(0, n),
    open: shift(raw.open),
    high: shift(raw.high),
    low: shift(raw.low),
    close: shift(raw.close),
    volume: raw.volume.slice(0, n),
  });
  return { bars, offset };
}
