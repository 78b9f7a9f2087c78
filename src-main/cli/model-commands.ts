/**
 * `nqh train tft` and `nqh predict`: the pattern model from the command line.
 *
 * train: walk-forward over the stored 1-minute bars (or the seeded synthetic market with
 * `--synthetic DAYS`), progress on stderr, the last fold's model saved to `--out` (default
 * `<data dir>/models/<id>`), and with `--json` a JSON document on stdout that ends with one
 * object per test fold (model and baselines). Ctrl-C cancels cleanly between batches.
 * predict: a saved model over stored bars, CSV of probabilities, confidence and quantiles.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { nyIso } from '../data/ny-format';
import { FEATURE_SET_VERSION } from '../features/feature-set';
import { initBackend } from '../ml/backend';
import { normalizeRows } from '../ml/data/dataset';
import { loadModel } from '../ml/registry/model-files';
import { calibratedPredictions } from '../ml/predict/series-predict';
import { loadSeries, runTrainJob, sampleSetOf, type DataSource } from '../ml/train/train-job';
import type { WalkForwardConfig } from '../ml/train/walk-forward';
import { disposeParams } from '../ml/tft/params';
import { defaultDataDir } from './data-dir';
import { UsageError, marketDbPath, parseTime } from './market-commands';

function int(v: string | undefined, flag: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${flag} must be a positive integer, got "${v}"`);
  return n;
}

const fmt = (x: number | null): string => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(3));

export async function trainCommand(args: string[]): Promise<number> {
  if (args[0] !== 'tft') throw new UsageError('usage: nqh train tft [options] (see nqh help)');
  const { values } = parseArgs({
    args: args.slice(1),
    options: {
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      symbol: { type: 'string', default: 'NQ' },
      from: { type: 'string' },
      to: { type: 'string' },
      config: { type: 'string' },
      epochs: { type: 'string' },
      'train-days': { type: 'string' },
      'val-days': { type: 'string' },
      'test-days': { type: 'string' },
      'max-folds': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      synthetic: { type: 'string' },
      seed: { type: 'string' },
      label: { type: 'string' },
    },
  });
  let fileConfig: Partial<WalkForwardConfig> = {};
  if (values.config !== undefined) {
    try {
      fileConfig = JSON.parse(readFileSync(values.config, 'utf8')) as Partial<WalkForwardConfig>;
    } catch (e) {
      throw new UsageError(`--config ${values.config}: ${(e as Error).message}`);
    }
  }
  const source: DataSource =
    values.synthetic !== undefined
      ? {
          kind: 'synthetic',
          days: int(values.synthetic, 'synthetic', 1),
          seed: int(values.seed, 'seed', 1),
        }
      : {
          kind: 'store',
          dbPath: marketDbPath(values.db, values['data-dir']),
          symbol: values.symbol ?? 'NQ',
          from: parseTime(values.from, 'from'),
          to: parseTime(values.to, 'to'),
        };
  const backend = await initBackend();
  process.stderr.write(`backend: ${backend.name}\n`);
  const config: WalkForwardConfig = {
    ...fileConfig,
    model: { ...fileConfig.model },
    train: {
      ...fileConfig.train,
      ...(values.epochs ? { epochs: int(values.epochs, 'epochs', 20) } : {}),
    },
    folds: {
      trainDays: int(values['train-days'], 'train-days', fileConfig.folds?.trainDays ?? 250),
      valDays: int(values['val-days'], 'val-days', fileConfig.folds?.valDays ?? 21),
      testDays: int(values['test-days'], 'test-days', fileConfig.folds?.testDays ?? 21),
    },
    ...(values['max-folds'] ? { maxFolds: int(values['max-folds'], 'max-folds', 1) } : {}),
  };
  const abort = new AbortController();
  const onSigint = (): void => {
    process.stderr.write('\ncancelling after the current batch…\n');
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  let lastLine = 0;
  const id = `tft-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}`;
  const out = values.out ?? join(values['data-dir'] ?? defaultDataDir(), 'models', id);
  const result = await runTrainJob(
    {
      source,
      config,
      outDir: out,
      id: values.out !== undefined ? basename(values.out) : id,
      label: values.label,
      backend: backend.name,
    },
    (p) => {
      const now = Date.now();
      if (p.valLoss === undefined && now - lastLine < 2000) return;
      lastLine = now;
      process.stderr.write(
        `fold ${p.fold}/${p.folds} epoch ${p.epoch}/${p.epochs} batch ${p.batch}/${p.batches} ` +
          `loss ${fmt(p.trainLoss)}${p.valLoss !== undefined ? ` val ${fmt(p.valLoss)}` : ''} ` +
          `${Math.round(p.samplesPerSecond)} samples/s eta ${Math.round(p.etaSeconds)} s\n`,
      );
    },
    abort.signal,
  );
  process.removeListener('SIGINT', onSigint);
  if (result.cancelled) {
    process.stderr.write('training cancelled: nothing saved\n');
    return 130;
  }
  for (const f of result.folds) {
    process.stderr.write(
      `fold ${f.fold} test ${f.testDates[0]}…${f.testDates[1]} (n=${f.model.n}): ` +
        `AUC long ${fmt(f.model.auc_long)} (logistic ${fmt(f.logistic.auc_long)}), ` +
        `short ${fmt(f.model.auc_short)} (logistic ${fmt(f.logistic.auc_short)}), ` +
        `log loss ${fmt(f.model.logloss)} (priors ${fmt(f.priors.logloss)}), ` +
        `P10–P90 coverage ${fmt(f.model.coverage_p10_p90)}\n`,
    );
  }
  process.stderr.write(`data: ${result.description}; model saved to ${out}\n`);
  if (values.json) {
    const folds = result.folds.map((f) => ({
      fold: f.fold,
      test: f.testDates,
      horizons: f.horizons,
      reliability_long: f.reliabilityLong,
      reliability_short: f.reliabilityShort,
      temperature: f.temperature,
      purged: f.purged,
      embargoed: f.embargoed,
      epochs: f.epochsRun,
      samples_per_second: Math.round(f.samplesPerSecond),
      baselines: { priors: f.priors, logistic: f.logistic },
      ...f.model,
    }));
    process.stdout.write(
      `${JSON.stringify({ model: out, backend: backend.name, folds }, null, 2)}\n`,
    );
  }
  return 0;
}

export async function predictCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      symbol: { type: 'string', default: 'NQ' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.model === undefined) throw new UsageError('--model DIR is required');
  await initBackend();
  // History before --from warms up the features and fills the first lookback.
  const set = sampleSetOf(
    loadSeries({
      kind: 'store',
      dbPath: marketDbPath(values.db, values['data-dir']),
      symbol: values.symbol ?? 'NQ',
      to: parseTime(values.to, 'to'),
    }),
  );
  const model = loadModel(values.model, {
    featureSetVersion: FEATURE_SET_VERSION,
    temporalNames: set.temporalNames,
  });
  try {
    const from = parseTime(values.from, 'from') ?? -Infinity;
    let first = 0;
    while (first < set.length && (set.time[first] as number) < from) first++;
    const temporal = normalizeRows(set, model.normalization);
    const pred = await calibratedPredictions(model, set, temporal, first);
    const h = set.horizons;
    const stream = values.out ? createWriteStream(values.out) : null;
    const write = (s: string): void => {
      if (stream) stream.write(s);
      else process.stdout.write(s);
    };
    const qNames = h.flatMap((k) => [`h${k}_p10`, `h${k}_p50`, `h${k}_p90`]);
    write(`time,p_long,p_short,p_none,confidence,${qNames.join(',')}\n`);
    const num = (x: number): string => (Number.isFinite(x) ? x.toFixed(6) : '');
    for (let i = first; i < set.length; i++) {
      const k = i - first;
      const cells = [
        ...Array.from(pred.probs.subarray(k * 3, k * 3 + 3)),
        pred.confidence[k] as number,
        ...Array.from(pred.quantiles.subarray(k * h.length * 3, (k + 1) * h.length * 3)),
      ];
      write(`${nyIso(set.time[i] as number)},${cells.map(num).join(',')}\n`);
    }
    stream?.end();
  } finally {
    disposeParams(model.params);
  }
  return 0;
}
