/**
 * Price levels for the chart overlays, from the running feed. One LevelEngine takes every
 * final 1-minute bar off the bus (forming updates never: their levels would change under
 * the trader's eyes); after each one the VWAPs are recorded (`MinuteLevelRows`), so a
 * `getLevelOverlay` answer for any timeframe is a selection of rows plus the engine's
 * current profiles. Closed minutes are pushed to the renderer as `levels.update`, at most
 * once per `throttleMs`, so a burst of history is one message, not thousands.
 *
 * Rolls: the engine takes the series adjusted causally (`roll-offsets.ts`), so no anchored
 * VWAP or profile holds a roll's gap; what is sent is moved back into the contract of the
 * time it describes (a VWAP row into its minute's, the profiles into the last minute's), so
 * levels sit on the candles.
 *
 * Rebuilds: on `start` (when the service missed bars already held by MarketDataService) and
 * after every `market.reset` the engine starts again from MarketDataService's minutes. The
 * rebuild after a reset waits a microtask, until the reset and the new feed's synchronous
 * history have reached every subscriber, so it reads the new epoch's minutes whatever the
 * order of subscription; bars arriving meanwhile are in those minutes and are not pushed
 * twice.
 */
import type { Timeframe } from '@shared/domain/bar';
import {
  LEVELS_UPDATE_MAX_MINUTES,
  type LevelOverlay,
  type LevelsUpdate,
} from '@shared/contracts/level-overlay';
import type { Dispose, MessageBus } from '../engine/bus';
import type { Logger } from '../engine/logger';
import type { MarketDataService } from '../data/market-data';
import { RollOffset } from '@shared/market/roll-offsets';
import { LevelEngine } from '../features/levels/level-engine';
import type { LevelOptions } from '../features/levels/level-options';
import { MinuteLevelRows } from './level-overlay-rows';
import { tpoWire, volumeProfileWire } from './level-overlay-views';

/** Tuning of the LevelOverlayService. */
export interface LevelOverlayOptions {
  /** Least real time between two `levels.update` events (default 500 ms). */
  readonly throttleMs?: number;
  /** Level engine settings (DOMAIN.md defaults). */
  readonly levels?: LevelOptions;
  readonly log?: Logger;
}

type Snapshots = Pick<LevelOverlay, 'epoch' | 'lastMinuteTime' | 'session' | 'week' | 'tpo'>;

/** The running feed's price levels for the chart overlays (`getLevelOverlay`, `levels.update`). */
export class LevelOverlayService {
  private engine: LevelEngine;
  private rollOffset = new RollOffset();
  /** Roll offset of the last minute pushed: what the profile snapshots add back. */
  private offset = 0;
  private readonly rows = new MinuteLevelRows();
  private epoch = 0;
  /** First minute of each trade date in the week window, oldest first. */
  private dayStarts: number[] = [];
  private dayKey = Number.NaN;
  private rebuildPending = false;
  /** Rows already sent in a `levels.update`. */
  private sent = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private rejected = 0;
  private readonly disposers: Dispose[];

  constructor(
    bus: MessageBus,
    private readonly market: Pick<MarketDataService, 'history' | 'minuteCount' | 'rolls'>,
    private readonly emit: (update: LevelsUpdate) => void,
    private readonly opts: LevelOverlayOptions = {},
  ) {
    this.engine = new LevelEngine(opts.levels);
    this.disposers = [
      bus.subscribe('market.bar', ({ bar, final }) => {
        if (!final || this.rebuildPending) return;
        this.push(bar.time, bar.open, bar.high, bar.low, bar.close, bar.volume);
        this.schedule();
      }),
      bus.subscribe('market.roll', ({ time, gap }) => {
        // While a rebuild is pending it reads the rolls with the minutes.
        if (!this.rebuildPending) this.rollOffset.add({ time, gap });
      }),
      bus.subscribe('market.reset', ({ epoch }) => {
        this.epoch = epoch;
        this.clear();
        this.rebuildPending = true;
        queueMicrotask(() => this.ensureBuilt());
      }),
    ];
  }

  /** Catches up with MarketDataService when bars were published before this service existed. */
  start(): void {
    if (this.rows.length + this.rejected !== this.market.minuteCount) this.rebuild();
  }

  /** The levels for the last `limit` bars of `timeframe`, each as of its last closed minute. */
  overlay(timeframe: Timeframe, limit: number): LevelOverlay {
    this.ensureBuilt();
    const ends = this.rows.bucketEnds(timeframe);
    const from = Math.max(0, ends.length - limit);
    return { timeframe, bars: this.rows.columns(ends, from, timeframe), ...this.snapshots() };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const d of this.disposers.splice(0)) d();
  }

  private push(t: number, o: number, h: number, l: number, c: number, v: number): void {
    const g = this.rollOffset.at(t);
    try {
      this.engine.push(t, o - g, h - g, l - g, c - g, v);
    } catch (error) {
      // MarketDataService keeps such a bar; counting it keeps `start` from rebuilding forever.
      this.rejected++;
      this.opts.log?.warn('bar rejected by the level engine', { time: t, error });
      return;
    }
    this.offset = g;
    this.rows.record(t, this.engine, g);
    const dayKey = this.engine.vwaps[1]?.key ?? Number.NaN;
    if (dayKey !== this.dayKey) {
      this.dayKey = dayKey;
      this.dayStarts.push(t);
      if (this.dayStarts.length > this.engine.options.weekDays) this.dayStarts.shift();
    }
  }

  private clear(): void {
    this.engine = new LevelEngine(this.opts.levels);
    this.rollOffset = new RollOffset();
    this.offset = 0;
    this.rows.clear();
    this.dayStarts = [];
    this.dayKey = Number.NaN;
    this.rejected = 0;
    this.sent = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private ensureBuilt(): void {
    if (this.rebuildPending) this.rebuild();
  }

  private rebuild(): void {
    this.rebuildPending = false;
    this.clear();
    this.rollOffset = new RollOffset(this.market.rolls());
    const minutes = this.market.history('1m', Number.MAX_SAFE_INTEGER).bars;
    for (const b of minutes) this.push(b.time, b.open, b.high, b.low, b.close, b.volume);
    // A client asks for these with getLevelOverlay after the reset; updates go on from here.
    this.sent = this.rows.length;
    this.opts.log?.info('levels rebuilt', { minutes: minutes.length, epoch: this.epoch });
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.opts.throttleMs ?? 500);
  }

  private flush(): void {
    const n = this.rows.length;
    if (n === this.sent) return;
    const from = Math.max(this.sent, n - LEVELS_UPDATE_MAX_MINUTES);
    this.sent = n;
    this.emit({
      minutes: this.rows.minuteColumns(from),
      previousMinuteTime: from > 0 ? this.rows.timeAt(from - 1) : 0,
      ...this.snapshots(),
    });
  }

  private snapshots(): Snapshots {
    const last = this.rows.lastTime;
    const starts = this.dayStarts;
    return {
      epoch: this.epoch,
      lastMinuteTime: last,
      session: volumeProfileWire(
        this.engine,
        'session',
        starts[starts.length - 1] ?? 0,
        last,
        this.offset,
      ),
      week: volumeProfileWire(this.engine, 'week', starts[0] ?? 0, last, this.offset),
      tpo: tpoWire(this.engine, this.offset),
    };
  }
}
