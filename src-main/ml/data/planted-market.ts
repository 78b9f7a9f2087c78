/**
 * Test markets for the pattern model, on the real CME calendar (1-minute bars of every
 * trading minute), seeded and reproducible:
 * - `planted`: a known pattern decides the next move. At a random 5-minute bar a signal bar
 *   appears (volume ×6, a strong move in one direction); for the next `drift` minutes price
 *   drifts in that direction. Whatever precedes a signal says nothing about its direction.
 * - `random-walk`: the same noise and volume without signals or drift: nothing is
 *   predictable, so any skill measured on it is leakage.
 */
import { BarColumns } from '@shared/market/bar-columns';
import { isTradingMinute } from '@shared/calendar/session';
import { Prng } from '../../data/synthetic/prng';

export interface PlantedMarketOptions {
  kind: 'planted' | 'random-walk';
  /** First calendar day (UTC date, YYYY-MM-DD) and number of calendar days. */
  start: string;
  days: number;
  seed: number;
  /** Points per minute of noise (default 2). */
  sigma?: number;
  /** Probability that a 5-minute bar starts a signal (default 0.05). */
  signalRate?: number;
  /** Minutes of drift after a signal (default 90), and drift per minute in σ (default 0.8). */
  driftMinutes?: number;
  driftSigma?: number;
}

const MINUTE = 60_000;
const TICK = 0.25;

const toTick = (p: number): number => Math.round(p / TICK) * TICK;

/** Generates the market's 1-minute bars. */
export function plantedMarket(o: PlantedMarketOptions): BarColumns {
  const rng = new Prng(o.seed);
  const sigma = o.sigma ?? 2;
  const rate = o.kind === 'planted' ? (o.signalRate ?? 0.05) : 0;
  const driftMinutes = o.driftMinutes ?? 90;
  const drift = (o.driftSigma ?? 0.8) * sigma;
  const out = new BarColumns(o.days * 1440);
  const t0 = Date.parse(`${o.start}T00:00:00Z`);
  let price = 18_000;
  let signalLeft = 0;
  let direction = 0;
  let driftLeft = 0;
  for (let t = t0; t < t0 + o.days * 86_400_000; t += MINUTE) {
    if (!isTradingMinute(t)) continue;
    const minuteOfBar = Math.floor(t / MINUTE) % 5;
    if (minuteOfBar === 0 && signalLeft === 0 && rng.next() < rate) {
      signalLeft = 5;
      direction = rng.next() < 0.5 ? -1 : 1;
      driftLeft = 0;
    }
    let mu = 0;
    let volume = 200 + Math.floor(rng.next() * 200);
    if (signalLeft > 0) {
      mu = direction * 1.2 * sigma;
      volume *= 6;
      signalLeft--;
      if (signalLeft === 0) driftLeft = driftMinutes;
    } else if (driftLeft > 0) {
      mu = direction * drift;
      driftLeft--;
    }
    const open = price;
    const close = toTick(open + mu + sigma * rng.normal());
    const wickUp = Math.abs(sigma * 0.5 * rng.normal());
    const wickDown = Math.abs(sigma * 0.5 * rng.normal());
    const high = toTick(Math.max(open, close) + wickUp);
    const low = toTick(Math.min(open, close) - wickDown);
    out.push(t, open, high, low, close, volume);
    price = close;
  }
  return out;
}
