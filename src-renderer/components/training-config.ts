/**
 * The Training page's form: what a training run is asked for, its defaults (the model's
 * defaults in src-main/ml/tft) and the checks made before Start is enabled. Main validates
 * again; these checks only spare a round trip for an obvious mistake.
 */

export type EncoderChoice = 'conv' | 'lstm';
export const ENCODERS: readonly EncoderChoice[] = ['conv', 'lstm'];

/** A training request as the page hands it to `onStart`. */
export interface TrainingConfig {
  /** First and last trade date of the data span, `yyyy-mm-dd`. */
  readonly from: string;
  readonly to: string;
  /** Bars each decision attends to. */
  readonly lookback: number;
  /** Model width (d_model); a multiple of `heads`. */
  readonly hiddenSize: number;
  readonly heads: number;
  readonly dropout: number;
  readonly encoder: EncoderChoice;
  readonly epochs: number;
  /** Walk-forward span lengths in trade dates. */
  readonly trainDays: number;
  readonly valDays: number;
  readonly testDays: number;
}

export const DEFAULT_TRAINING_CONFIG: TrainingConfig = {
  from: '',
  to: '',
  lookback: 200,
  hiddenSize: 16,
  heads: 4,
  dropout: 0.1,
  encoder: 'conv',
  epochs: 20,
  trainDays: 60,
  valDays: 10,
  testDays: 10,
};

/** The numeric fields: label, bounds and whether they are integers. */
export const NUMERIC_FIELDS: readonly {
  readonly key: Exclude<keyof TrainingConfig, 'from' | 'to' | 'encoder'>;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
}[] = [
  { key: 'lookback', label: 'Lookback (bars)', min: 8, max: 1024, step: 1 },
  { key: 'hiddenSize', label: 'Hidden size', min: 4, max: 256, step: 1 },
  { key: 'heads', label: 'Heads', min: 1, max: 16, step: 1 },
  { key: 'dropout', label: 'Dropout', min: 0, max: 0.9, step: 0.05 },
  { key: 'epochs', label: 'Epochs', min: 1, max: 500, step: 1 },
  { key: 'trainDays', label: 'Train days', min: 1, max: 2000, step: 1 },
  { key: 'valDays', label: 'Validation days', min: 1, max: 500, step: 1 },
  { key: 'testDays', label: 'Test days', min: 1, max: 500, step: 1 },
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with `c`, one message per problem (empty when it can be started). */
export function configProblems(c: TrainingConfig): string[] {
  const out: string[] = [];
  // An empty bound means "from the first" / "to the last" stored bar.
  if (c.from !== '' && !DATE.test(c.from)) out.push('the first date must be yyyy-mm-dd');
  if (c.to !== '' && !DATE.test(c.to)) out.push('the last date must be yyyy-mm-dd');
  if (DATE.test(c.from) && DATE.test(c.to) && c.from > c.to)
    out.push('the span ends before it starts');
  for (const f of NUMERIC_FIELDS) {
    const v = c[f.key];
    if (!Number.isFinite(v) || v < f.min || v > f.max) {
      out.push(`${f.label.toLowerCase()} must be between ${f.min} and ${f.max}`);
    } else if (f.step === 1 && !Number.isInteger(v)) {
      out.push(`${f.label.toLowerCase()} must be a whole number`);
    }
  }
  if (Number.isInteger(c.hiddenSize) && Number.isInteger(c.heads) && c.heads > 0) {
    if (c.hiddenSize % c.heads !== 0) out.push('hidden size must be a multiple of heads');
  }
  if (!ENCODERS.includes(c.encoder)) out.push('choose an encoder');
  return out;
}
