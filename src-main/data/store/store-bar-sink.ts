/**
 * Writes live or backfilled 1-minute bars (the IB feed) into the market store, one
 * transaction per batch, under one import record per session so every stored bar says
 * where it came from. A bar already stored with other values is kept as it was and counted.
 * A roll the feed reports goes into the roll table (source `symbol`: known from the contracts).
 */
import type { Bar } from '@shared/domain/bar';
import type { FeedRoll } from '../feeds/ib/ib-feed-reporter';
import type { MarketStore } from './market-store';

export class StoreBarSink {
  private importId: number | undefined;
  private written = 0;
  private duplicates = 0;
  private conflicts = 0;
  private first: number | null = null;
  private last: number | null = null;
  /** Month of the latest batch (kept in the import's summary, read by `lastContract`). */
  private contract: string | undefined;

  constructor(
    private readonly store: MarketStore,
    /** Where the bars come from, e.g. `ib://127.0.0.1:7497`. */
    private readonly source: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The newest stored 1-minute bar of `symbol`, so a feed can resume after it. */
  newest(symbol: string): number | undefined {
    const s = this.store.series().find((x) => x.symbol === symbol && x.timeframe === 1);
    return s?.last;
  }

  /**
   * The month (local symbol) the newest stored minute of `symbol` came from, when a feed
   * session wrote that minute and recorded its month (not after a file import went further).
   */
  lastContract(symbol: string): string | undefined {
    const latest = this.store.latestImport(symbol, 'ib');
    if (!latest || latest.summary === null || latest.lastBar !== this.newest(symbol)) {
      return undefined;
    }
    try {
      const contract = (JSON.parse(latest.summary) as { contract?: unknown }).contract;
      return typeof contract === 'string' ? contract : undefined;
    } catch {
      return undefined;
    }
  }

  write(symbol: string, bars: readonly Bar[], contract?: string): void {
    if (bars.length === 0) return;
    if (contract !== undefined) this.contract = contract;
    this.store.transaction(() => {
      this.importId ??= this.store.beginImport({
        file: this.source,
        fileSha256: `live-${this.now()}`,
        fileSize: 0,
        format: 'ib',
        timeZone: 'UTC',
        dateOrder: 'ymd',
        timeframe: 1,
        symbol,
        volumeAbsent: false,
        startedAt: this.now(),
      });
      for (const b of bars) {
        const r = this.store.insertBar(
          symbol,
          1,
          b.time,
          b.open,
          b.high,
          b.low,
          b.close,
          b.volume,
          this.importId,
        );
        if (r === 'inserted') this.written++;
        else if (r === 'duplicate') this.duplicates++;
        else this.conflicts++;
        this.first = this.first === null ? b.time : Math.min(this.first, b.time);
        this.last = this.last === null ? b.time : Math.max(this.last, b.time);
      }
      this.store.finishImport(this.importId, {
        finishedAt: this.now(),
        rowsRead: this.written + this.duplicates + this.conflicts,
        imported: this.written,
        duplicates: this.duplicates,
        quarantined: this.conflicts,
        firstBar: this.first,
        lastBar: this.last,
        summaryJson: JSON.stringify({
          source: this.source,
          conflicts: this.conflicts,
          contract: this.contract,
        }),
      });
    });
  }

  /** Records a roll of the 1-minute series (replacing one stored at the same time). */
  roll(symbol: string, roll: FeedRoll): void {
    this.store.upsertRolls([
      {
        symbol,
        timeframe: 1,
        time: roll.time,
        fromContract: roll.fromContract,
        toContract: roll.toContract,
        gap: roll.gap,
        source: 'symbol',
        confidence: null,
      },
    ]);
  }
}
