/**
 * The live side of the IB feed: 5-second bars of the current subscription in, forming and
 * closed 1-minute bars out, plus a watchdog for silence.
 *
 * A minute closes when a bar of a later minute arrives or, failing that, at its end plus a
 * grace period (a timer on the injected clock). Silence is judged against the calendar: each
 * `staleAfterMs` without a bar is reported once, with whether the market is open, and the
 * quiet period then starts over, so a weekend's silence does not make the first seconds
 * after the open look like a stall.
 */
import type { Bar } from '@shared/domain/bar';
import { sessionState } from '@shared/calendar/session';
import type { Clock, Dispose } from '../../../engine/clock';
import { FiveSecondAggregator, type PushOutcome } from './five-second-aggregator';

/** What the live stream reports. */
export interface LiveBarEvents {
  /** The minute being built, after each 5-second bar folded into it. */
  onForming(bar: Bar): void;
  /** A closed minute and whether all twelve of its 5-second bars arrived. */
  onMinute(bar: Bar, complete: boolean): void;
  /** No bar for `silentMs`; `marketOpen` says whether bars were due. */
  onSilence(silentMs: number, marketOpen: boolean): void;
}

/** Flush grace after a minute ends, and the silence that counts as stale. */
export interface LiveBarOptions {
  readonly graceMs: number;
  readonly staleAfterMs: number;
}

/** Whether the CME calendar has the market open at `t` (not in a halt, weekend, holiday). */
export function marketOpenAt(t: number): boolean {
  const s = sessionState(t);
  return s !== 'HALT' && s !== 'CLOSED';
}

/** 5-second bars of one subscription at a time → forming/closed minutes and silence reports. */
export class LiveBarStream {
  private readonly aggregator: FiveSecondAggregator;
  private flushTimer: Dispose | undefined;
  private silenceTimer: Dispose | undefined;
  /** The last bar or subscription start, for reports. */
  private lastBarAt = 0;
  /** When the current quiet period started: the last bar, restart or silence report. */
  private quietSince = 0;
  private running = false;

  constructor(
    private readonly clock: Clock,
    private readonly opts: LiveBarOptions,
    private readonly events: LiveBarEvents,
  ) {
    this.aggregator = new FiveSecondAggregator(
      (bar, complete) => events.onMinute(bar, complete),
      opts.graceMs,
    );
  }

  /** Starts over for a new subscription: the partial minute is dropped, silence re-timed. */
  restart(): void {
    this.running = true;
    this.aggregator.reset();
    this.cancelFlush();
    this.lastBarAt = this.clock.now();
    this.quietSince = this.lastBarAt;
    this.armSilence();
  }

  /** Stops the timers and drops the partial minute. */
  stop(): void {
    this.running = false;
    this.aggregator.reset();
    this.cancelFlush();
    this.silenceTimer?.();
    this.silenceTimer = undefined;
  }

  /** Folds one 5-second bar (time in epoch seconds). */
  push(t: number, o: number, h: number, l: number, c: number, v: number): PushOutcome {
    this.lastBarAt = this.clock.now();
    this.quietSince = this.lastBarAt;
    const outcome = this.aggregator.push(t, o, h, l, c, v);
    if (outcome === 'folded') {
      const bar = this.aggregator.forming();
      if (bar) this.events.onForming(bar);
    }
    this.armFlush();
    return outcome;
  }

  private armFlush(): void {
    this.cancelFlush();
    const due = this.aggregator.flushDueAt;
    if (due === undefined) return;
    this.flushTimer = this.clock.at(due, () => {
      this.flushTimer = undefined;
      this.aggregator.flush(this.clock.now());
    });
  }

  private cancelFlush(): void {
    this.flushTimer?.();
    this.flushTimer = undefined;
  }

  private armSilence(): void {
    this.silenceTimer?.();
    this.silenceTimer = this.clock.at(this.quietSince + this.opts.staleAfterMs, () => {
      this.silenceTimer = undefined;
      this.checkSilence();
    });
  }

  private checkSilence(): void {
    if (!this.running) return;
    const now = this.clock.now();
    if (now - this.quietSince >= this.opts.staleAfterMs) {
      const silent = now - this.lastBarAt;
      // The next report comes after another full period, whatever the handler does.
      this.quietSince = now;
      this.events.onSilence(silent, marketOpenAt(now));
      // Stopped, or restarted by the handler (which re-armed the check).
      if (!this.running || this.silenceTimer !== undefined) return;
    }
    this.armSilence();
  }
}
