/**
 * `nqh bench`: throughput figures printed as JSON. Each figure is measured in this run;
 * ratios compare against a reference measured in the same run.
 */
import { MessageBus } from '../engine/bus';
import { SyntheticMarket } from '../data/synthetic/synthetic-market';
import { BarColumns } from '@shared/market/bar-columns';
import { aggregateColumns } from '@shared/market/aggregate';
import type { PriceRoll } from '@shared/market/roll-offsets';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../data/import/importer';
import { queryBars } from '../data/bars-query';
import { MarketStore } from '../data/store/market-store';
import {
  computeFeatures,
  computeFeaturesOnThreads,
  FEATURE_NAMES,
  FEATURE_SET_VERSION,
  type FeatureMatrix,
} from '../features/feature-set';
import { LevelThreads } from '../features/levels/level-threads';
import { computeLabels } from '../features/labels/compute-labels';
import { computeLevels } from '../features/levels/level-batch';
import { decisionBars } from '../features/levels/level-columns';
import { benchModel } from '../ml/ml-bench';
import { sampledAllocation } from './heap-sampling';

/** The real 2024 1-minute files, when the shared data folder sits beside the app. */
function realFiles(): string[] {
  const dir = join(process.cwd(), '..', 'shared', 'data', 'nq', 'ct-1m-2024-2025');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.startsWith('nq-2024-'))
        .sort()
        .map((f) => join(dir, f))
    : [];
}

/** Whether two feature matrices hold the same numbers, bit for bit. */
function sameMatrix(a: FeatureMatrix, b: FeatureMatrix): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.columns.length; j++) {
    const x = a.columns[j] as Float64Array;
    const y = b.columns[j] as Float64Array;
    for (let i = 0; i < a.length; i++) if (!Object.is(x[i], y[i])) return false;
  }
  for (let i = 0; i < a.length; i++) if (a.warmup[i] !== b.warmup[i]) return false;
  return true;
}

/**
 * The full feature set over a year of minutes: one thread, then the main thread plus one
 * level worker (`computeFeaturesOnThreads`). Each: the first pass (cold: JIT, and for the
 * worker its start) and the best of the next WARM_PASSES, the steady state (on two cores the
 * threaded passes settle only after three or four: both threads' JIT compilation and
 * garbage collection compete with them until then).
 */
const WARM_PASSES = 6;

async function featureBench(
  minutes: BarColumns,
  rolls: readonly PriceRoll[],
): Promise<Record<string, unknown>> {
  const n = minutes.length;
  const first = timed(() => computeFeatures(minutes, false, rolls));
  let oneBest = Infinity;
  for (let r = 0; r < 3; r++)
    oneBest = Math.min(oneBest, timed(() => computeFeatures(minutes, false, rolls)).seconds);
  const t0 = process.hrtime.bigint();
  const threads = new LevelThreads(join(__dirname, 'level-worker.cjs'), 1);
  try {
    const firstThreads = await computeFeaturesOnThreads(minutes, false, threads, rolls);
    const firstSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    let best = Infinity;
    let same = sameMatrix(firstThreads, first.value);
    for (let r = 0; r < WARM_PASSES; r++) {
      const t = process.hrtime.bigint();
      const m = await computeFeaturesOnThreads(minutes, false, threads, rolls);
      best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
      same &&= sameMatrix(m, first.value);
    }
    return {
      feature_set: FEATURE_SET_VERSION,
      features: FEATURE_NAMES.length,
      one_minute_bars: n,
      rolls_adjusted: rolls.length,
      decision_rows: first.value.length,
      warm_passes: WARM_PASSES,
      threads: 1 + threads.size,
      seconds: best,
      full_feature_set_1m_bars_per_second: Math.round(n / best),
      same_matrix_as_one_thread: same,
      first_pass_seconds_with_worker_start: firstSeconds,
      one_thread_seconds: oneBest,
      one_thread_1m_bars_per_second: Math.round(n / oneBest),
      one_thread_first_pass_seconds: first.seconds,
      speedup_over_one_thread: Math.round((oneBest / best) * 100) / 100,
      goal_1m_bars_per_second: 2_000_000,
    };
  } finally {
    await threads.close();
  }
}

/** Import and read-back throughput on the real 2024 set (skipped without it). */
async function storeBench(): Promise<Record<string, unknown>> {
  const files = realFiles();
  if (files.length === 0)
    return { skipped: 'no ../shared/data/nq/ct-1m-2024-2025 beside the working directory' };
  const dir = mkdtempSync(join(tmpdir(), 'nqh-bench-'));
  const store = new MarketStore(join(dir, 'market.sqlite'));
  try {
    const imp = timed(() => files.reduce((n, f) => n + importFile(store, f).imported, 0));
    const read = timed(() => store.bars('NQ', 1).bars.length);
    const fiveMin = timed(() => queryBars(store, { timeframe: '5m' }).bars.length);
    const minutes = store.bars('NQ', 1).bars;
    const rssBefore = process.memoryUsage().rss;
    const levels = timed(
      () => computeLevels(minutes, decisionBars(minutes.time, minutes.length, 5)).length,
    );
    const labels = timed(() => computeLabels(minutes).length);
    const features = await featureBench(minutes, store.rolls('NQ', 1));
    const rssAfter = process.memoryUsage().rss;
    return {
      files: files.length,
      rows: imp.value,
      import_rows_per_second: Math.round(imp.value / imp.seconds),
      read_1m_bars_per_second: Math.round(read.value / read.seconds),
      query_5m_from_1m_bars_per_second: Math.round(read.value / fiveMin.seconds),
      features: {
        ...features,
        levels_only_first_pass_1m_bars_per_second: Math.round(minutes.length / levels.seconds),
        labels_1m_bars_per_second: Math.round(minutes.length / labels.seconds),
        rss_mb_before: Math.round(rssBefore / 1e6),
        rss_mb_after: Math.round(rssAfter / 1e6),
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1e3),
      },
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Garbage the feature engine's hot loops make: what one warm one-thread pass over the
 * synthetic year allocates on the JS heap (boxed numbers, small objects; typed-array
 * contents, the matrix's included, live outside it and are not counted). Last in the run:
 * the inspector session it needs must not sit under any timing.
 */
async function garbageBench(bars: BarColumns): Promise<Record<string, unknown>> {
  computeFeatures(bars, false);
  const bytes = await sampledAllocation(() => computeFeatures(bars, false));
  return {
    one_minute_bars: bars.length,
    js_heap_allocated_mb_per_feature_pass: Math.round(bytes / 1e6),
    js_heap_bytes_per_1m_bar: Math.round(bytes / bars.length),
  };
}

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

export async function runBench(): Promise<Record<string, unknown>> {
  const start = Date.UTC(2024, 0, 2);
  const until = Date.UTC(2025, 0, 2);
  const gen = timed(() => {
    const cols = new BarColumns(400_000);
    new SyntheticMarket({ seed: 7, start }).fill(cols, until);
    return cols;
  });
  const bars = gen.value;
  const agg = timed(() => aggregateColumns(bars, '5m').length);
  const bus = new MessageBus();
  let received = 0;
  bus.subscribe('market.bar', () => {
    received++;
  });
  const busRun = timed(() => {
    for (let i = 0; i < bars.length; i++) {
      bus.publish('market.bar', {
        symbol: 'NQ',
        bar: { time: bars.time[i] as never, open: 1, high: 1, low: 1, close: 1, volume: 1 },
        final: true,
      });
    }
  });
  return {
    synthetic_generation: {
      bars: bars.length,
      seconds: gen.seconds,
      bars_per_second: Math.round(bars.length / gen.seconds),
    },
    aggregate_1m_to_5m: {
      bars_in: bars.length,
      bars_out: agg.value,
      bars_per_second: Math.round(bars.length / agg.seconds),
    },
    bus_publish: { messages: received, messages_per_second: Math.round(received / busRun.seconds) },
    market_store_2024: await storeBench(),
    pattern_model: await benchModel(join(__dirname, '..', '..', 'models', 'demo')),
    hot_loop_garbage: await garbageBench(bars),
    node: process.version,
  };
}
