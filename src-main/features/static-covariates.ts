/**
 * Static covariates per sample (the TFT's static inputs): day of week of the trade date,
 * session type at the decision instant, and a volatility regime from trailing data only:
 * the last 5 trade dates' realised volatility against the last 20 (below 0.8× calm = 0,
 * above 1.25× stressed = 2, else 1). A ratio of the market's own recent history needs only
 * 20 completed days, where a rank over a year of history would leave a year of warm-up.
 */
import { sessionState, tradeDateOf } from '@shared/calendar/session';

export const STATIC_FEATURES = ['static.dow', 'static.session', 'static.volRegime'] as const;
export type StaticColumns = Record<(typeof STATIC_FEATURES)[number], Float64Array>;

const LONG_DAYS = 20;
const SHORT_DAYS = 5;

export class StaticCovariates {
  private day: string | null = null;
  private dow = Number.NaN;
  private dayClose = Number.NaN;
  /** Roll offset of the day's last row: its return is taken in that row's contract. */
  private dayOffset = 0;
  private prevClose = Number.NaN;
  /** Squared daily log returns, newest at (count - 1) % LONG_DAYS. */
  private readonly sq = new Float64Array(LONG_DAYS);
  private returnCount = 0;
  private regime = Number.NaN;

  /**
   * Writes row i for a decision at `decisionTime` with the bar's (roll-adjusted) close and
   * its roll offset `g`.
   */
  row(
    barTime: number,
    decisionTime: number,
    close: number,
    i: number,
    out: StaticColumns,
    g = 0,
  ): void {
    const d = tradeDateOf(barTime);
    if (d !== this.day) {
      if (this.day !== null) this.closeDay();
      this.day = d;
      this.dow = d === null ? Number.NaN : new Date(`${d}T12:00:00Z`).getUTCDay();
    }
    this.dayClose = close;
    this.dayOffset = g;
    out['static.dow'][i] = this.dow; // 1 = Monday … 5 = Friday
    const s = sessionState(decisionTime);
    out['static.session'][i] = s === 'ASIA' ? 0 : s === 'ETH' ? 1 : s === 'RTH' ? 2 : 3;
    out['static.volRegime'][i] = this.regime;
  }

  /** A trade date ended: its return updates the volatility regime used from the next day on. */
  private closeDay(): void {
    if (!Number.isNaN(this.prevClose)) {
      const g = this.dayOffset;
      this.sq[this.returnCount % LONG_DAYS] =
        Math.log((this.dayClose + g) / (this.prevClose + g)) ** 2;
      this.returnCount++;
      if (this.returnCount >= LONG_DAYS) {
        let long = 0;
        let short = 0;
        for (let k = 0; k < LONG_DAYS; k++) {
          const v = this.sq[(this.returnCount - 1 - k + LONG_DAYS * 2) % LONG_DAYS] as number;
          long += v;
          if (k < SHORT_DAYS) short += v;
        }
        const ratio = long > 0 ? Math.sqrt(short / SHORT_DAYS / (long / LONG_DAYS)) : 1;
        this.regime = ratio < 0.8 ? 0 : ratio > 1.25 ? 2 : 1;
      }
    }
    this.prevClose = this.dayClose;
  }
}
