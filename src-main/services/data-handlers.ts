/**
 * IPC handlers for market data: what the store holds, choosing and importing files,
 * quarantine reports, stored bars for browsing history, feed switching and replay control.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { EventPayload } from '@shared/contracts/events';
import type { Handlers } from '../ipc/router';
import { queryBarsBefore } from '../data/bars-query';
import type { FileRegistry } from '../data/import/file-registry';
import type { ImportService } from '../data/import/import-service';
import type { MarketStore } from '../data/store/market-store';
import type { FeedSlot, FeedSpec } from './feed-slot';

type DataHandlers = Pick<
  Handlers,
  | 'getDataInfo'
  | 'chooseImportFiles'
  | 'startImport'
  | 'cancelImport'
  | 'getQuarantine'
  | 'getStoredBars'
  | 'setFeed'
  | 'replayControl'
>;

export interface DataHandlerDeps {
  readonly store: () => MarketStore;
  readonly files: FileRegistry;
  readonly imports: ImportService;
  readonly feeds: FeedSlot;
  readonly seed: number;
  readonly clockTick: () => EventPayload<'clock'>;
  readonly ibSettings: () => { host: string; port: number; clientId: number };
  /** Opens a file dialog (Electron); absent in headless mode, where files are uploaded. */
  readonly chooseFiles?: () => Promise<string[]>;
}

export function dataHandlers(d: DataHandlerDeps): DataHandlers {
  return {
    getDataInfo: () => {
      const store = d.store();
      const counts = store.counts();
      return {
        bars: counts.bars,
        imports: counts.imports,
        quarantined: counts.quarantined,
        series: store.series(),
        rolls: [...store.rolls('NQ'), ...store.rolls('MNQ')].map((r) => ({ ...r })),
        recentImports: store.recentImports(20).map((r) => ({ ...r, file: basename(r.file) })),
        activeJob: d.imports.activeJob,
      };
    },
    chooseImportFiles: async () => {
      if (!d.chooseFiles)
        throw new Error('no file dialog in headless mode: upload the files instead');
      const paths = await d.chooseFiles();
      return { files: paths.map((p) => d.files.register(p, basename(p), statSync(p).size)) };
    },
    startImport: ({ fileIds, format, tz, dateOrder, symbol }) => {
      const files = fileIds.map((id) => ({ path: d.files.path(id), name: d.files.name(id) }));
      const jobId = d.imports.start(files, {
        symbol,
        ...(format ? { format } : {}),
        ...(tz ? { tz } : {}),
        ...(dateOrder ? { dateOrder } : {}),
      });
      return { jobId };
    },
    cancelImport: ({ jobId }) => ({ cancelled: d.imports.cancel(jobId) }),
    getQuarantine: ({ sha256, limit }) => ({ rows: d.store().quarantined(sha256, limit) }),
    getStoredBars: ({ timeframe, before, limit, adjusted }) => {
      const r = queryBarsBefore(d.store(), {
        timeframe,
        before: before ?? 8.64e15,
        limit,
        adjusted,
      });
      const b = r.bars;
      const bars = [];
      for (let i = 0; i < b.length; i++) {
        const v = b.volume[i] as number;
        bars.push({ ...b.at(i), volume: Number.isNaN(v) ? 0 : v });
      }
      return { bars, sourceTimeframe: r.sourceTimeframe, volumeAbsent: r.volumeAbsent };
    },
    setFeed: async (req) => {
      const spec: FeedSpec =
        req.source === 'synthetic'
          ? { source: 'synthetic', seed: d.seed, speed: req.speed ?? 1, start: Date.now() }
          : req.source === 'replay'
            ? { source: 'replay', from: req.from, speed: req.speed }
            : { source: 'ib', ...d.ibSettings() };
      const status = await d.feeds.switchTo(spec);
      if (!status) throw new Error('the feed did not report its status');
      return status;
    },
    replayControl: (req) => {
      const replay = d.feeds.replay;
      const clock = d.feeds.scaled;
      if (!replay || !clock) throw new Error('no replay is running');
      if (req.action === 'pause') clock.pause();
      else if (req.action === 'resume') clock.resume();
      else if (req.action === 'speed') clock.setSpeed(req.speed);
      else replay.seek(req.to);
      return d.clockTick();
    },
  };
}
