/**
 * `nqh levels`, `nqh features`, `nqh labels`: the feature engine over the market store,
 * as CSV (time as in `nqh bars`: ISO 8601 in New York time, the bar's start).
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { nyIso } from '../data/ny-format';
import { MarketStore } from '../data/store/market-store';
import type { BarColumns } from '@shared/market/bar-columns';
import { adjustForRolls, type PriceRoll } from '@shared/market/roll-offsets';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { computeFeatures, computeFeaturesOnThreads } from '../features/feature-set';
import { LevelThreads } from '../features/levels/level-threads';
import { computeLabels } from '../features/labels/compute-labels';
import { LABEL_CLASS_NAMES } from '../features/labels/label-columns';
import { computeLevels } from '../features/levels/level-batch';
import { decisionBars } from '../features/levels/level-columns';
import { UsageError, marketDbPath, parseTime } from './market-commands';

const LEVEL_CSV: readonly (readonly [string, string])[] = [
  ['vwap_h', 'vwapHour'],
  ['vwap_d', 'vwapDay'],
  ['vwap_d_sd', 'sigmaDay'],
  ['vwap_w', 'vwapWeek'],
  ['vwap_m', 'vwapMonth'],
  ['poc_d', 'sessionPoc'],
  ['vah_d', 'sessionVah'],
  ['val_d', 'sessionVal'],
  ['poc_w', 'weekPoc'],
  ['vah_w', 'weekVah'],
  ['val_w', 'weekVal'],
  ['tpo_poc', 'tpoPoc'],
  ['tpo_vah', 'tpoVah'],
  ['tpo_val', 'tpoVal'],
  ['ib_high', 'ibHigh'],
  ['ib_low', 'ibLow'],
];

const TF_MINUTES: Record<string, number> = { '1m': 1, '5m': 5, '15m': 15, '30m': 30, '1h': 60 };

const common = {
  tf: { type: 'string', default: '5m' },
  from: { type: 'string' },
  to: { type: 'string' },
  db: { type: 'string' },
  'data-dir': { type: 'string' },
  symbol: { type: 'string', default: 'NQ' },
  out: { type: 'string' },
} as const;

/**
 * Reads every stored 1-minute bar before `to` (history before `from` warms the levels up)
 * and the series' rolls.
 */
function minutes(values: { db?: string; 'data-dir'?: string; symbol?: string; to?: string }) {
  const store = new MarketStore(marketDbPath(values.db, values['data-dir']));
  try {
    const to = parseTime(values.to, 'to');
    const symbol = values.symbol ?? 'NQ';
    const r = store.bars(symbol, 1, undefined, to);
    if (r.bars.length === 0)
      throw new UsageError('no 1-minute bars in the store for that span: import a file first');
    return { ...r, rolls: store.rolls(symbol, 1) };
  } finally {
    store.close();
  }
}

function output(out: string | undefined): { write(s: string): void; end(): void } {
  if (!out) return { write: (s) => process.stdout.write(s), end: () => undefined };
  const stream = createWriteStream(out);
  return { write: (s) => stream.write(s), end: () => stream.end() };
}

const num = (x: number): string => (Number.isFinite(x) ? String(Math.round(x * 1e6) / 1e6) : '');

export function levelsCommand(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: { ...common, format: { type: 'string', default: 'csv' } },
  });
  const tf = TF_MINUTES[values.tf ?? '5m'];
  if (tf === undefined)
    throw new UsageError(`--tf must be one of ${Object.keys(TF_MINUTES).join(', ')}`);
  if (values.format !== 'csv' && values.format !== 'json')
    throw new UsageError(`--format must be csv or json, got "${values.format}"`);
  const { bars: raw, rolls } = minutes(values);
  // Levels of the causally roll-adjusted series, printed back in each row's contract.
  const { bars, offset } = adjustForRolls(raw, rolls);
  const decisions = decisionBars(bars.time, bars.length, tf);
  const levels = computeLevels(bars, decisions);
  const from = parseTime(values.from, 'from') ?? -Infinity;
  const w = output(values.out);
  if (values.format === 'json') w.write('[');
  else w.write(`time,${LEVEL_CSV.map(([c]) => c).join(',')}\n`);
  let first = true;
  for (let r = 0; r < levels.length; r++) {
    const start = Math.floor((levels.time[r] as number) / (tf * 60_000)) * tf * 60_000;
    if (start < from) continue;
    const g = offset === null ? 0 : (offset[decisions[r] as number] as number);
    const cells = LEVEL_CSV.map(([, k]) => {
      const v = (levels.level as Record<string, Float64Array>)[k]?.[r] as number;
      return k.startsWith('sigma') ? v : v + g;
    });
    if (values.format === 'json') {
      const obj = Object.fromEntries(
        LEVEL_CSV.map(([c], j) => [c, Number.isFinite(cells[j] as number) ? cells[j] : null]),
      );
      w.write(`${first ? '' : ','}\n${JSON.stringify({ time: nyIso(start), ...obj })}`);
    } else {
      w.write(`${nyIso(start)},${cells.map(num).join(',')}\n`);
    }
    first = false;
  }
  if (values.format === 'json') w.write('\n]\n');
  w.end();
  return 0;
}

/**
 * The feature matrix with a level worker beside this thread when there is a core to spare
 * and the bundled worker is here (`--threads 1`: this thread alone); the same numbers.
 */
async function features(
  bars: BarColumns,
  volumeAbsent: boolean,
  rolls: readonly PriceRoll[],
  threads: number,
) {
  const workerFile = join(__dirname, 'level-worker.cjs');
  if (threads < 2 || availableParallelism() < 2 || !existsSync(workerFile)) {
    return computeFeatures(bars, volumeAbsent, rolls);
  }
  const pool = new LevelThreads(workerFile, 1);
  try {
    return await computeFeaturesOnThreads(bars, volumeAbsent, pool, rolls);
  } finally {
    await pool.close();
  }
}

export async function featuresCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...common, threads: { type: 'string', default: '2' } },
  });
  if (values.tf !== '5m')
    throw new UsageError('features are computed at 5-minute decision bars: --tf 5m');
  const threads = Number(values.threads);
  if (threads !== 1 && threads !== 2) throw new UsageError('--threads takes 1 or 2');
  const { bars, volumeAbsent, rolls } = minutes(values);
  const m = await features(bars, volumeAbsent, rolls, threads);
  const from = parseTime(values.from, 'from') ?? -Infinity;
  const w = output(values.out);
  w.write(`time,warmup,${m.names.join(',')}\n`);
  for (let i = 0; i < m.length; i++) {
    if ((m.time[i] as number) < from) continue;
    let line = `${nyIso(m.time[i] as number)},${m.warmup[i]}`;
    for (const c of m.columns) line += `,${num(c[i] as number)}`;
    w.write(`${line}\n`);
  }
  w.end();
  return 0;
}

export function labelsCommand(args: string[]): number {
  const { values } = parseArgs({ args, options: common });
  if (values.tf !== '5m')
    throw new UsageError('labels are computed at 5-minute decision bars: --tf 5m');
  // Labels look ahead by design (they are targets): read the whole series, cut only the output.
  const { bars, rolls } = minutes({ ...values, to: undefined });
  const l = computeLabels(bars, { rollTimes: rolls.map((r) => r.time) });
  const from = parseTime(values.from, 'from') ?? -Infinity;
  const to = parseTime(values.to, 'to') ?? Infinity;
  const w = output(values.out);
  w.write(`time,label,entry,stop_distance,${l.targetNames.join(',')},flags\n`);
  for (let i = 0; i < l.length; i++) {
    const t = l.time[i] as number;
    if (t < from || t >= to) continue;
    const label = l.label[i] as number;
    const name = label >= 0 ? (LABEL_CLASS_NAMES[label] as string) : '';
    w.write(
      `${nyIso(t)},${name},${num(l.entry[i] as number)},${num(l.stop[i] as number)},${l.targets.map((c) => num(c[i] as number)).join(',')},${l.flags[i]}\n`,
    );
  }
  w.end();
  return 0;
}
