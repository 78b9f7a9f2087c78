import { describe, expect, it } from 'vitest';
import { MINUTE_MS, type Bar } from '@shared/domain/bar';
import { ManualClock } from '../../../engine/clock';
import { MemorySink, createLogger } from '../../../engine/logger';
import { IbRequestError } from './ib-errors';
import { MinuteSync, type HistorySource } from './ib-minute-sync';
import { IbPacing } from './ib-pacing';

/** Tuesday 2024-03-05 10:00 ET. */
const T0 = Date.UTC(2024, 2, 5, 15, 0);
/** Tuesday 17:00 ET: the daily halt starts. */
const HALT = Date.UTC(2024, 2, 5, 22, 0);
const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

const bar = (time: number, close = 100): Bar =>
  ({ time, open: close, high: close, low: close, close, volume: 1 }) as Bar;

/** A MinuteSync over a scripted history source; records what it publishes and fetches. */
function harness(
  coveredFrom: number,
  history: (end: number, span: number) => Bar[],
  lastFinal: number | null = null,
) {
  const clock = new ManualClock(T0 + 10 * MINUTE_MS);
  const published: { time: number; source: string }[] = [];
  const fetches: { end: number; span: number }[] = [];
  const gaps: [number, number][] = [];
  const sync = new MinuteSync(
    {
      clock,
      pacing: new IbPacing(clock, { marginMs: 0 }),
      log: createLogger({ sinks: [new MemorySink()] }),
      chunkMs: 5 * MINUTE_MS,
      publish: (bars, source) => bars.forEach((b) => published.push({ time: b.time, source })),
      onHistoryGap: (from, to) => gaps.push([from, to]),
    },
    coveredFrom,
    lastFinal,
  );
  const source: HistorySource = {
    contractKey: '1',
    fetch: (end, span) => {
      fetches.push({ end, span });
      return Promise.resolve(history(end, span));
    },
  };
  return { clock, sync, source, published, fetches, gaps };
}

/** One bar per minute in the window. */
const everyMinute = (end: number, span: number): Bar[] => {
  const out: Bar[] = [];
  for (let t = end - span; t < end; t += MINUTE_MS) out.push(bar(t));
  return out;
};

describe('minute series sync (backfill + live)', () => {
  it('backfills in chunks, oldest first, then publishes live minutes in order', async () => {
    const h = harness(T0, everyMinute);
    h.sync.attach(h.source);
    h.sync.fillTo(T0 + 8 * MINUTE_MS);
    await flush();
    expect(h.fetches).toEqual([
      { end: T0 + 5 * MINUTE_MS, span: 5 * MINUTE_MS },
      { end: T0 + 8 * MINUTE_MS, span: 3 * MINUTE_MS },
    ]);
    h.sync.offerLive(bar(T0 + 8 * MINUTE_MS));
    h.sync.offerLive(bar(T0 + 7 * MINUTE_MS));
    await flush();
    expect(h.published.map((p) => (p.time - T0) / MINUTE_MS)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(h.published.at(-1)?.source).toBe('live');
  });

  it('holds a live minute until the gap before it is backfilled', async () => {
    const h = harness(T0, everyMinute);
    h.sync.attach(h.source);
    h.sync.offerLive(bar(T0 + 3 * MINUTE_MS));
    expect(h.published).toEqual([]);
    expect(h.sync.queued).toBe(1);
    await flush();
    expect(h.fetches).toEqual([{ end: T0 + 3 * MINUTE_MS, span: 3 * MINUTE_MS }]);
    expect(h.published.map((p) => p.source)).toEqual(['backfill', 'backfill', 'backfill', 'live']);
  });

  it('publishes each minute once even when history repeats or overlaps it', async () => {
    const h = harness(T0, (end, span) => {
      const bars = everyMinute(end, span);
      return [bar(end - span - MINUTE_MS), ...bars, ...bars];
    });
    h.sync.attach(h.source);
    h.sync.fillTo(T0 + 3 * MINUTE_MS);
    await flush();
    h.sync.offerLive(bar(T0 + 2 * MINUTE_MS));
    await flush();
    expect(h.published.map((p) => (p.time - T0) / MINUTE_MS)).toEqual([0, 1, 2]);
  });

  it('needs no history across the daily halt, where the calendar has no trading minute', async () => {
    const h = harness(HALT - MINUTE_MS, everyMinute);
    h.sync.attach(h.source);
    h.sync.offerLive(bar(HALT - MINUTE_MS));
    // 18:00 ET, the first minute of the next session.
    h.sync.offerLive(bar(HALT + 60 * MINUTE_MS));
    await flush();
    expect(h.fetches).toEqual([]);
    expect(h.published.map((p) => p.time)).toEqual([HALT - MINUTE_MS, HALT + 60 * MINUTE_MS]);
  });

  it('reports a window IB refuses and moves on instead of retrying it forever', async () => {
    const h = harness(T0, () => {
      throw new IbRequestError(321, 'Error validating request', 3);
    });
    h.sync.attach(h.source);
    h.sync.fillTo(T0 + 2 * MINUTE_MS);
    await flush();
    expect(h.gaps).toEqual([[T0, T0 + 2 * MINUTE_MS]]);
    expect(h.sync.coveredUntil).toBe(T0 + 2 * MINUTE_MS);
  });

  it('resumes after the newest minute already stored', async () => {
    const h = harness(T0, everyMinute, T0 + 2 * MINUTE_MS);
    h.sync.attach(h.source);
    h.sync.fillTo(T0 + 5 * MINUTE_MS);
    await flush();
    expect(h.fetches).toEqual([{ end: T0 + 5 * MINUTE_MS, span: 2 * MINUTE_MS }]);
    expect(h.published.map((p) => (p.time - T0) / MINUTE_MS)).toEqual([3, 4]);
  });

  it('waits without a source and resumes from where it stopped when one is attached', async () => {
    const h = harness(T0, everyMinute);
    h.sync.fillTo(T0 + 2 * MINUTE_MS);
    await flush();
    expect(h.fetches).toEqual([]);
    h.sync.attach(h.source);
    await flush();
    expect(h.published).toHaveLength(2);
    expect(h.sync.lastFinal).toBe(T0 + MINUTE_MS);
  });
});
