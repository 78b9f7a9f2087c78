/**
 * Test rig for the IB feed: a simulator and a feed sharing one ManualClock, a bus recorder,
 * a recording BarSink, and a `step` that advances simulated time in 5-second increments and
 * waits (in real time) until every 5-second bar the simulator sent has reached the feed, so
 * the minute-flush timers never race the loopback socket.
 */
import type { Bar } from '@shared/domain/bar';
import type { FeedStatus } from '@shared/contracts/events';
import { MessageBus } from '../../../engine/bus';
import { MemorySink, createLogger } from '../../../engine/logger';
import { IbFeed, type BarSink, type FeedRoll, type IbFeedOptions } from './ib-feed';
import { TwsSimulator, type TwsSimulatorOptions } from './tws-simulator';
import { settle, SteppingClock, waitFor } from './ib-test-support';

/** Tuesday 2024-03-05 10:00 ET (EST, UTC−5): the market is open. */
export const T0 = Date.UTC(2024, 2, 5, 15, 0);
export const MINUTE = 60_000;

export class FeedRig {
  readonly finals: Bar[] = [];
  readonly forming: Bar[] = [];
  readonly statuses: FeedStatus[] = [];
  readonly notices: string[] = [];
  readonly stored: Bar[] = [];
  /** Rolls the sink stored, and the bus's 'market.roll' and final bars in order. */
  readonly rolls: FeedRoll[] = [];
  readonly sequence: string[] = [];
  readonly logs = new MemorySink();
  readonly bus = new MessageBus();
  readonly feed: IbFeed;
  /** Bars and requests written to sockets that were reset before the other side read them. */
  private lostBars = 0;
  private lostRequests = 0;

  private constructor(
    readonly clock: SteppingClock,
    readonly sim: TwsSimulator,
    feedOpts: Partial<IbFeedOptions>,
  ) {
    const sink: BarSink = {
      write: (_symbol, bars) => this.stored.push(...bars),
      roll: (_symbol, roll) => this.rolls.push(roll),
    };
    this.feed = new IbFeed(this.bus, clock, createLogger({ sinks: [this.logs] }), sink, {
      host: '127.0.0.1',
      port: sim.port,
      clientId: 9,
      historyMs: 30 * MINUTE,
      maxReqPerSec: 1_000,
      // Longer than one 5-second step, so a flush never fires before the step's bars land.
      flushGraceMs: 6_000,
      ...feedOpts,
    });
    this.bus.subscribe('market.bar', ({ bar, final }) =>
      (final ? this.finals : this.forming).push(bar),
    );
    this.bus.subscribe('market.feed', (s) => this.statuses.push(s));
    this.bus.subscribe('market.bar', ({ bar, final }) => {
      if (final) this.sequence.push(`bar ${bar.time}`);
    });
    this.bus.subscribe('market.roll', (x) => this.sequence.push(`roll ${x.time} ${x.gap}`));
    this.bus.subscribe('system', (e) => this.notices.push(e.message));
  }

  /** Starts a simulator and a feed sharing a ManualClock at `start`. */
  static async start(
    feedOpts: Partial<IbFeedOptions> = {},
    simOpts: Partial<TwsSimulatorOptions> = {},
    start = T0,
    waitForSubscription = true,
  ): Promise<FeedRig> {
    const clock = new SteppingClock(start);
    const sim = await TwsSimulator.start({ clock, seed: 7, ...simOpts });
    const rig = new FeedRig(clock, sim, feedOpts);
    await rig.feed.start();
    if (waitForSubscription) await waitFor(() => sim.realtimeSubscriptions === 1, 'subscription');
    await rig.quiesce();
    return rig;
  }

  /**
   * Advances the clock by `ms` (default one 5-second bar), stopping at every timer due on
   * the way and letting socket I/O settle at each stop.
   */
  async step(ms = 5_000): Promise<void> {
    const target = this.clock.now() + ms;
    for (;;) {
      const due = this.clock.nextDue();
      const stop = due !== undefined && due <= target ? due : target;
      this.clock.advanceTo(stop);
      await this.quiesce();
      if (stop >= target) return;
    }
  }

  /**
   * Waits until the feed has read every 5-second bar sent, the simulator every historical
   * request sent (@stoqey/ib leaves Nagle on, so a request can trail the previous one by the
   * loopback's delayed ACK), and the feed every answer (which may send the next request at
   * this clock time), then lets other I/O run.
   */
  async quiesce(): Promise<void> {
    await waitFor(() => {
      const d = this.feed.diagnostics();
      return (
        d.realtimeBars + this.lostBars >= this.sim.realtimeBarsSent &&
        this.sim.historicalRequests.length + this.lostRequests >= d.historicalRequests &&
        d.historicalInFlight === 0
      );
    }, 'socket traffic to settle');
    await settle(1);
  }

  /** Steps until `condition` holds, at most `maxSteps` times. */
  async stepUntil(
    condition: () => boolean,
    what: string,
    maxSteps = 400,
    ms = 5_000,
  ): Promise<void> {
    for (let i = 0; i < maxSteps; i++) {
      if (condition()) return;
      await this.step(ms);
    }
    if (!condition()) throw new Error(`${what} did not happen within ${maxSteps} steps`);
  }

  /** Resets every connection; bars in flight at that moment count as lost. */
  dropConnections(): void {
    this.sim.dropConnections();
    const d = this.feed.diagnostics();
    this.lostBars = this.sim.realtimeBarsSent - d.realtimeBars;
    this.lostRequests = d.historicalRequests - this.sim.historicalRequests.length;
  }

  /** Time of the newest final minute published (or -Infinity). */
  get lastFinal(): number {
    return this.feed.diagnostics().lastFinalTime ?? Number.NEGATIVE_INFINITY;
  }

  /** The ground truth for every minute from `from` up to the last published final. */
  truthSince(from: number): Bar[] {
    return this.sim.groundTruth(from, this.lastFinal + MINUTE);
  }

  /** Names of the requests the simulator received at or after clock time `since`. */
  requestNamesSince(since: number): string[] {
    return this.sim.requests.filter((r) => r.at >= since).map((r) => r.name);
  }

  async close(): Promise<void> {
    await this.feed.dispose();
    await this.sim.close();
  }
}

/** True when bar times strictly increase. */
export function strictlyIncreasing(bars: readonly Bar[]): boolean {
  for (let i = 1; i < bars.length; i++) {
    if ((bars[i] as Bar).time <= (bars[i - 1] as Bar).time) return false;
  }
  return true;
}
