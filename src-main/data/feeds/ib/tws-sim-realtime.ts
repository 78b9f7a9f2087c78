/**
 * Real-time bars in the TWS simulator: REQ_REAL_TIME_BARS subscriptions (message id 50,
 * 5-second TRADES only) and the stream itself. With `auto` on, each 5-second bar of the
 * simulated market goes to every subscription when the clock passes the bar's end, as TWS
 * sends them; tests can pause the stream (a stalled farm) or push scripted bars.
 */
import type { Clock, Dispose } from '../../../engine/clock';
import { FIVE_SECONDS_MS, type SimMarket } from './tws-sim-market';
import type { SimContract } from './tws-sim-contracts';
import type { RealtimeBarFields, SimSession } from './tws-sim-session';

/** Real-time bar subscriptions and streaming for the simulator's sessions. */
export class SimRealtime {
  private timer: Dispose | undefined;
  private paused = false;
  private sentBars = 0;

  constructor(
    private readonly clock: Clock,
    private readonly market: SimMarket,
    private readonly sessions: () => Iterable<SimSession>,
    /** Points a contract trades above the market's path. */
    private readonly premium: (conId: number) => number = () => 0,
  ) {}

  /** Bars written so far, over all connections. */
  get sent(): number {
    return this.sentBars;
  }

  /** Starts streaming the market's bars on the clock. */
  start(): void {
    const now = this.clock.now();
    const due = (Math.floor(now / FIVE_SECONDS_MS) + 1) * FIVE_SECONDS_MS;
    this.timer = this.clock.at(due, () => {
      const bar = this.market.fiveSecondBar(due - FIVE_SECONDS_MS);
      if (bar && !this.paused) this.push(bar);
      this.start();
    });
  }

  stop(): void {
    this.timer?.();
    this.timer = undefined;
  }

  /** While paused, the clock-driven stream sends nothing. */
  pause(paused: boolean): void {
    this.paused = paused;
  }

  /** Sends `bar` (moved by each subscription's contract premium) to every subscription, or only to `reqId`. */
  push(bar: RealtimeBarFields, reqId?: number): void {
    for (const s of this.sessions()) {
      for (const [id, conId] of s.realtime) {
        if (reqId !== undefined && id !== reqId) continue;
        const p = this.premium(conId);
        s.realtimeBar(
          id,
          p === 0
            ? bar
            : {
                ...bar,
                open: bar.open + p,
                high: bar.high + p,
                low: bar.low + p,
                close: bar.close + p,
                wap: bar.wap + p,
              },
        );
        this.sentBars++;
      }
    }
  }

  /** Handles REQ_REAL_TIME_BARS (fields as @stoqey/ib sends them from server version 68). */
  subscribe(s: SimSession, fields: readonly string[], contracts: readonly SimContract[]): void {
    const reqId = Number.parseInt(fields[2] ?? '', 10);
    const conId = Number.parseInt(fields[3] ?? '', 10);
    if (!contracts.some((c) => c.conId === conId)) {
      return s.error(reqId, 200, 'No security definition has been found for the request');
    }
    if (fields[15] !== '5' || fields[16] !== 'TRADES') {
      return s.error(reqId, 321, 'Error validating request: only 5-second TRADES bars');
    }
    s.realtime.set(reqId, conId);
  }
}
