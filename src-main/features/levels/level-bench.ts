/**
 * Throughput of the level engine over a BarColumns, as JSON-ready figures for `nqh bench`
 * (timing assertions do not belong in tests). All figures come from this one run: the
 * first pass is cold (JIT, and the session calendar resolving each day with luxon once),
 * the best of three warm passes follows.
 */
import type { BarColumns } from '@shared/market/bar-columns';
import { computeLevels } from './level-batch';
import { decisionBars, everyBar } from './level-columns';
import { LevelEngine } from './level-engine';

function seconds(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function best(runs: number, fn: () => unknown): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) min = Math.min(min, seconds(fn));
  return min;
}

/** Bars per second with levels written at every 5-minute bar end, and read after every bar. */
export function benchLevels(bars: BarColumns): Record<string, number> {
  const n = bars.length;
  const fiveMinute = decisionBars(bars.time, bars.length, 5);
  const every = everyBar(n);
  const cold = seconds(() => computeLevels(bars, fiveMinute));
  const warm = best(3, () => computeLevels(bars, fiveMinute));
  const all = best(2, () => computeLevels(bars, every));
  // The engine's own state, apart from its output: heap before and after a streamed pass.
  const before = process.memoryUsage().heapUsed;
  const engine = new LevelEngine();
  for (let i = 0; i < n; i++) {
    engine.pushFrom(bars, i);
    if ((i & 4095) === 0) engine.levels();
  }
  const engineBytes = process.memoryUsage().heapUsed - before;
  return {
    bars: n,
    decision_rows_5m: fiveMinute.length,
    cold_seconds_5m: cold,
    bars_per_second_5m: Math.round(n / warm),
    bars_per_second_every_bar: Math.round(n / all),
    output_mb_5m: (fiveMinute.length * (8 * 30 + 4 * 3)) / 1e6,
    engine_state_mb: Math.max(0, engineBytes) / 1e6,
  };
}
