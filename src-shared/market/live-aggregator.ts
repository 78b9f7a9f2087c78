/**
 * Keeps the last bar of an aggregated series current as 1-minute updates arrive: closed
 * minutes are folded into the bucket for good, a forming minute only into the bar shown.
 * Updates for minutes at or before `lastFinalTime` are ignored, so replaying events that
 * raced a history snapshot never counts a minute twice.
 */
import type { Bar, Timeframe } from '../domain/bar';
import { foldMinute } from './aggregate';

export class LiveAggregator {
  private closed: Bar | undefined;

  constructor(
    readonly timeframe: Timeframe,
    /** The last bar of the snapshot, aggregated from closed minutes only. */
    lastClosed: Bar | undefined,
    /** Time of the last closed 1-minute bar included in the snapshot. */
    private lastFinalTime: number,
  ) {
    this.closed = lastClosed;
  }

  /** Applies one minute; returns the bar to show, or undefined when the update is stale. */
  apply(minute: Bar, final: boolean): Bar | undefined {
    if (minute.time <= this.lastFinalTime) return undefined;
    const shown = foldMinute(this.closed, minute, this.timeframe);
    if (final) {
      this.closed = shown;
      this.lastFinalTime = minute.time;
    }
    return shown;
  }
}
