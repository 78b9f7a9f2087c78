import { afterEach, describe, expect, it } from 'vitest';
import { FeedRig, MINUTE, T0, strictlyIncreasing } from './ib-feed-test-rig';
import { pacingBreaches, waitFor } from './ib-test-support';

const HOUR = 60 * MINUTE;

describe('IB feed against the TWS simulator', () => {
  let rig: FeedRig | undefined;

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('backfills history, then turns live 5-second bars into correct 1-minute bars', async () => {
    rig = await FeedRig.start({ historyMs: 2 * HOUR });
    const r = rig;
    await r.stepUntil(() => r.lastFinal >= T0 + 4 * MINUTE, 'four live minutes');
    expect(r.feed.diagnostics().contract).toBe('NQH4');
    expect(strictlyIncreasing(r.finals)).toBe(true);
    expect(r.finals).toEqual(r.truthSince(T0 - 2 * HOUR));
    expect(r.stored).toEqual(r.finals);
    // Minutes from T0 on were built from 5-second bars: twelve forming updates each, the
    // last one equal to the final bar; history never asked IB for them.
    for (let m = T0; m <= r.lastFinal; m += MINUTE) {
      const updates = r.forming.filter((b) => b.time === m);
      expect(updates).toHaveLength(12);
      expect(updates[11]).toEqual(r.finals.find((b) => b.time === m));
    }
    expect(r.sim.historicalRequests.every((q) => q.end <= T0)).toBe(true);
    expect(r.statuses.map((s) => s.state)).toContain('live');
    expect(r.statuses.every((s) => s.source === 'ib' && s.symbol === 'NQ')).toBe(true);
  });

  it('keeps backfill requests within IB pacing limits (identical 15 s, 60 per 10 min, 6 per 2 s)', async () => {
    // 30-minute chunks over two days: ~80 requests, more than one 10-minute window allows.
    rig = await FeedRig.start({ historyMs: 48 * HOUR, chunkMs: 30 * MINUTE });
    const r = rig;
    await r.stepUntil(() => r.lastFinal >= T0 + 11 * MINUTE, 'backfill and live minutes', 300);
    const reqs = r.sim.historicalRequests;
    expect(reqs.length).toBeGreaterThan(60);
    expect(pacingBreaches(reqs)).toEqual([]);
    // The 61st request really waited for the first to leave the window, and not much longer.
    const wait = (reqs[60]?.at ?? 0) - (reqs[0]?.at ?? 0);
    expect(wait).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(wait).toBeLessThan(10 * MINUTE + 10_000);
    expect(strictlyIncreasing(r.finals)).toBe(true);
    expect(r.finals).toEqual(r.truthSince(T0 - 48 * HOUR));
  });

  it('retries a backfill chunk after a 162 pacing violation and still misses nothing', async () => {
    rig = await FeedRig.start({ historyMs: HOUR });
    const r = rig;
    // The next request is the gap fill of the minute before the first live one.
    r.sim.failNextHistorical(162);
    await r.stepUntil(() => r.lastFinal >= T0 + 3 * MINUTE, 'live minutes');
    const reqs = r.sim.historicalRequests;
    const retry = reqs.findIndex((q, i) =>
      reqs.slice(0, i).some((p) => p.endDateTime === q.endDateTime && p.duration === q.duration),
    );
    expect(retry).toBeGreaterThan(0);
    const first = reqs.find((p) => p.endDateTime === reqs[retry]?.endDateTime);
    expect((reqs[retry]?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(15_000);
    expect(strictlyIncreasing(r.finals)).toBe(true);
    expect(r.finals).toEqual(r.truthSince(T0 - HOUR));
  });

  it('reconnects with backoff after a dropped socket, with no duplicate or missing minute', async () => {
    rig = await FeedRig.start();
    const r = rig;
    await r.stepUntil(() => r.clock.now() >= T0 + 200_000, 'mid-minute');
    const dropAt = r.clock.now();
    r.sim.refuseConnections(true);
    r.dropConnections();
    await waitFor(() => r.statuses.at(-1)?.state === 'connecting', 'connecting status');
    await r.stepUntil(
      () => r.sim.connectionAttempts.length >= 4,
      'three refused attempts',
      20,
      1_000,
    );
    r.sim.refuseConnections(false);
    await r.stepUntil(() => r.lastFinal >= T0 + 9 * MINUTE, 'live minutes after reconnect', 200);
    // Attempts after the drop: 1 s, then 2 s, then 4 s apart.
    const attempts = r.sim.connectionAttempts.slice(1).map((t) => t - dropAt);
    expect(attempts.slice(0, 4)).toEqual([1_000, 3_000, 7_000, 15_000]);
    expect(r.feed.diagnostics().reconnects).toBe(1);
    expect(r.requestNamesSince(dropAt)).toEqual(
      expect.arrayContaining([
        'START_API',
        'REQ_CONTRACT_DATA',
        'REQ_REAL_TIME_BARS',
        'REQ_HISTORICAL_DATA',
      ]),
    );
    expect(strictlyIncreasing(r.finals)).toBe(true);
    expect(r.finals).toEqual(r.truthSince(T0 - 30 * MINUTE));
  });

  it('marks the feed stale on 1100, then resubscribes and backfills the gap on 1101', async () => {
    rig = await FeedRig.start();
    const r = rig;
    await r.stepUntil(() => r.lastFinal >= T0 + MINUTE, 'live minutes');
    r.sim.sendError(-1, 1100, 'Connectivity between IB and Trader Workstation has been lost.');
    r.sim.pauseRealtime(true);
    await waitFor(() => r.statuses.at(-1)?.state === 'stale', 'stale on 1100');
    for (let i = 0; i < 36; i++) await r.step();
    // During the outage the stale timer does not resubscribe: TWS itself is cut off.
    expect(r.requestNamesSince(T0 + 2 * MINUTE)).not.toContain('REQ_REAL_TIME_BARS');
    const restoredAt = r.clock.now();
    r.sim.pauseRealtime(false);
    r.sim.sendError(-1, 1101, 'Connectivity between IB and TWS has been restored - data lost.');
    // The gap is backfilled at once, before any new live minute has closed.
    await waitFor(
      () => r.sim.historicalRequests.some((q) => q.at === restoredAt),
      'gap backfill right after 1101',
    );
    const gapFill = r.sim.historicalRequests.find((q) => q.at === restoredAt);
    expect(gapFill?.start).toBeLessThanOrEqual(T0 + 3 * MINUTE);
    await r.stepUntil(() => r.lastFinal >= restoredAt + 2 * MINUTE, 'minutes after 1101');
    const after = r.requestNamesSince(restoredAt);
    expect(after.slice(0, 2)).toEqual(['CANCEL_REAL_TIME_BARS', 'REQ_REAL_TIME_BARS']);
    expect(after).toContain('REQ_HISTORICAL_DATA');
    expect(r.statuses.at(-1)?.state).toBe('live');
    expect(strictlyIncreasing(r.finals)).toBe(true);
    expect(r.finals).toEqual(r.truthSince(T0 - 30 * MINUTE));
  });

  it('resubscribes on 1102 and keeps the series whole', async () => {
    rig = await FeedRig.start();
    const r = rig;
    await r.stepUntil(() => r.clock.now() >= T0 + 95_000, 'mid-minute');
    const at = r.clock.now();
    r.sim.sendError(
      -1,
      1102,
      'Connectivity between IB and TWS has been restored - data maintained.',
    );
    await r.stepUntil(() => r.lastFinal >= T0 + 4 * MINUTE, 'minutes after 1102');
    expect(r.requestNamesSince(at).slice(0, 2)).toEqual([
      'CANCEL_REAL_TIME_BARS',
      'REQ_REAL_TIME_BARS',
    ]);
    expect(r.finals).toEqual(r.truthSince(T0 - 30 * MINUTE));
  });

  it('detects a stale feed while the market is open and recovers when bars resume', async () => {
    rig = await FeedRig.start({ staleAfterMs: 15_000 });
    const r = rig;
    await r.stepUntil(() => r.lastFinal >= T0 + MINUTE, 'live minutes');
    r.sim.pauseRealtime(true);
    const pausedAt = r.clock.now();
    await r.stepUntil(() => r.statuses.at(-1)?.state === 'stale', 'stale status', 10);
    expect(r.clock.now() - pausedAt).toBeGreaterThanOrEqual(15_000);
    expect(r.clock.now() - pausedAt).toBeLessThanOrEqual(20_000);
    expect(r.notices.filter((n) => /stale/.test(n))).toHaveLength(1);
    const resubscribes = (): number =>
      r.requestNamesSince(pausedAt).filter((n) => n === 'REQ_REAL_TIME_BARS').length;
    await waitFor(() => resubscribes() === 1, 'resubscription');
    // Still silent: the resubscription is retried each period, but it is one stale event.
    for (let i = 0; i < 6; i++) await r.step();
    await waitFor(() => resubscribes() === 3, 'retried resubscriptions');
    expect(r.feed.diagnostics().staleEvents).toBe(1);
    r.sim.pauseRealtime(false);
    const resumedAt = r.clock.now();
    await r.stepUntil(() => r.lastFinal >= resumedAt + MINUTE, 'minutes after resume');
    expect(r.statuses.at(-1)?.state).toBe('live');
    expect(r.finals).toEqual(r.truthSince(T0 - 30 * MINUTE));
  });

  it('reports market-closed, not stale, during the daily halt', async () => {
    // Tuesday 17:10 ET: the 17:00–18:00 halt.
    const halt = Date.UTC(2024, 2, 5, 22, 10);
    rig = await FeedRig.start({ staleAfterMs: 15_000 }, {}, halt);
    const r = rig;
    await waitFor(() => r.lastFinal === halt - 11 * MINUTE, 'backfill to the 16:59 bar');
    await r.stepUntil(() => r.clock.now() >= halt + 2 * MINUTE, 'two halted minutes', 30);
    const states = r.statuses.map((s) => s.state);
    expect(states).toContain('market-closed');
    expect(states).not.toContain('stale');
    expect(r.finals).toEqual(r.sim.groundTruth(halt - 30 * MINUTE, halt));
  });

  it('rolls to the next month at its roll date: the gap between the months stored and announced before its first minute', async () => {
    // 23:50 ET on Wednesday 6 March 2024: NQH4 rolls at 00:00 ET on the 7th (8 days before
    // its expiry); the simulator prices each later month 250 points higher.
    const start = Date.UTC(2024, 2, 7, 4, 50);
    const rollAt = Date.UTC(2024, 2, 7, 5, 0);
    rig = await FeedRig.start({}, { contractPremium: 250 }, start);
    const r = rig;
    expect(r.feed.diagnostics().contract).toBe('NQH4');
    await r.stepUntil(() => r.lastFinal >= rollAt + 5 * MINUTE, 'five minutes of the new month');
    expect(r.feed.diagnostics().contract).toBe('NQM4');
    expect(r.rolls).toHaveLength(1);
    const roll = r.rolls[0] as (typeof r.rolls)[number];
    expect(roll).toMatchObject({ gap: 250, fromContract: 'NQH4', toContract: 'NQM4' });
    // The series switches at the first minute not yet published: 23:59 ET, or a minute later
    // when that one was still waiting for its flush at the roll.
    expect(roll.time).toBeGreaterThanOrEqual(rollAt - MINUTE);
    expect(roll.time).toBeLessThanOrEqual(rollAt + 2 * MINUTE);
    // Announced right before the first minute of the new month, which is 250 points higher.
    const at = r.sequence.indexOf(`roll ${roll.time} 250`);
    expect(r.sequence[at + 1]).toBe(`bar ${roll.time}`);
    expect(r.sequence.filter((e) => e.startsWith('roll'))).toHaveLength(1);
    const truth = r.truthSince(start - 30 * MINUTE);
    expect(r.finals.map((b) => b.time)).toEqual(truth.map((b) => b.time));
    r.finals.forEach((b, i) => {
      const t = truth[i] as (typeof truth)[number];
      const p = b.time >= roll.time ? 250 : 0;
      expect([b.open, b.high, b.low, b.close, b.volume]).toEqual([
        t.open + p,
        t.high + p,
        t.low + p,
        t.close + p,
        t.volume,
      ]);
    });
  });

  it('restarted after a roll date, records the roll between the stored month and the new front month', async () => {
    // Friday 8 March 2024 10:00 ET: NQM4 is front; the store's newest minute (20 minutes ago)
    // came from NQH4, which still trades until its expiry on the 15th.
    const start = Date.UTC(2024, 2, 8, 15, 0);
    const resumeFrom = start - 20 * MINUTE;
    /** A feed started at `start` over a store whose newest minute came from `previous`. */
    const restart = async (previous: string): Promise<FeedRig> => {
      await rig?.close();
      rig = await FeedRig.start(
        { previousContract: previous, resumeFrom },
        { contractPremium: 250 },
        start,
      );
      const r = rig;
      await r.stepUntil(() => r.lastFinal >= start + 2 * MINUTE, 'two live minutes');
      return r;
    };
    const r = await restart('NQH4');
    expect(r.feed.diagnostics().contract).toBe('NQM4');
    expect(r.rolls).toEqual([
      { time: resumeFrom + MINUTE, gap: 250, fromContract: 'NQH4', toContract: 'NQM4' },
    ]);
    expect(r.sequence[0]).toBe(`roll ${resumeFrom + MINUTE} 250`);
    expect(r.sequence[1]).toBe(`bar ${resumeFrom + MINUTE}`);
    expect(r.finals.map((b) => b.close)).toEqual(
      r.truthSince(resumeFrom + MINUTE).map((b) => b.close + 250),
    );
    // The same month as the stored one: nothing to record.
    const again = await restart('NQM4');
    expect(again.rolls).toEqual([]);
    expect(again.sequence.some((e) => e.startsWith('roll'))).toBe(false);
    // A stored month no longer listed (expired while the app was away): no gap to measure.
    const gone = await restart('NQZ3');
    expect(gone.rolls).toEqual([]);
    expect(gone.notices.some((n) => /NQZ3 → NQM4 without a measured gap/.test(n))).toBe(true);
  });

  it('faults when no NQ month is listed', async () => {
    rig = await FeedRig.start({}, { contracts: [] }, T0, false);
    const r = rig;
    await waitFor(() => r.feed.state === 'faulted', 'faulted state');
    expect(r.statuses.at(-1)?.state).toBe('faulted');
  });
});
