/**
 * Types and codes of the pattern-model labels (DOMAIN.md, "Labels for the pattern model").
 *
 * Labels are TARGETS: computed offline over a finished history, looking forward from each
 * decision bar. They are never features and must never be fed to a model as inputs. Only the
 * "label inputs" (entry, stop distance) are computed from data up to the decision bar.
 */

/** Class index of a 3-class label, in the model's softmax order {long, short, none}: long won. */
export const LABEL_LONG = 0;
/** Class index: the short bracket won. */
export const LABEL_SHORT = 1;
/** Class index: neither bracket won within the horizon (both stopped, or one still open). */
export const LABEL_NONE = 2;
/** No label: the outcome is unknown (censored by the end of data, a roll, or warm-up). */
export const LABEL_UNKNOWN = -1;
/** Class names by class index. */
export const LABEL_CLASS_NAMES = ['long', 'short', 'none'] as const;

/** One side's bracket outcome: its target was reached first. */
export const OUTCOME_WIN = 1;
/** One side's bracket outcome: its stop was reached first (or in the same minute as the target). */
export const OUTCOME_STOP = -1;
/** One side's bracket outcome: neither level was reached within the bars walked. */
export const OUTCOME_OPEN = 0;

/** Decision instant in the Asia window [23:00, 08:00) ET: kept as context, excluded from the loss. */
export const FLAG_ASIA = 1;
/** Fewer than `stopWindow` five-minute bars of history: no stop distance, no label. */
export const FLAG_WARMUP = 2;
/** The horizon (label or any target) runs past the last bar of the data. */
export const FLAG_END_OF_DATA = 4;
/** A roll falls inside the horizon: the walk and the targets stop before it. */
export const FLAG_ROLL = 8;
/** The label is unknown (`LABEL_UNKNOWN`): warm-up, or the walk was cut before it resolved. */
export const FLAG_CENSORED = 16;
/** The label horizon reaches past the close of the decision bar's session (halt or weekend). */
export const FLAG_SESSION_CLOSE = 32;

/** Tunables; every one is a DOMAIN.md default and may come from settings. */
export interface LabelOptions {
  /** Five-minute bars walked after the decision bar (default 50 = 250 minutes). */
  readonly horizonBars?: number;
  /** Five-minute bars in the stop-distance median, the decision bar included (default 24). */
  readonly stopWindow?: number;
  /** Stop distance = multiplier × median range (default 1.5). */
  readonly stopMultiplier?: number;
  /** Stop distance clamp in ticks of 0.25 (defaults 8 and 200). */
  readonly minStopTicks?: number;
  readonly maxStopTicks?: number;
  /** Horizons of the close-to-close targets in five-minute bars (default 1, 3, 6, 12). */
  readonly targetHorizons?: readonly number[];
  /** UTC ms of the first bar of each new contract; no label or target spans one. */
  readonly rollTimes?: readonly number[];
}

/** `LabelOptions` with every default filled in and validated. */
export interface ResolvedLabelOptions {
  readonly horizonBars: number;
  readonly stopWindow: number;
  readonly stopMultiplier: number;
  readonly minStopTicks: number;
  readonly maxStopTicks: number;
  readonly targetHorizons: readonly number[];
  readonly rollTimes: readonly number[];
}

/**
 * Labels and targets, one row per five-minute bar (struct of arrays). Row t describes the
 * decision taken when five-minute bar t closes.
 */
export interface LabelColumns {
  readonly length: number;
  /** Five-minute bar start, UTC ms (bars are stamped at their start). */
  readonly time: Float64Array;
  /** Decision instant = bar close = start + 5 minutes, UTC ms. */
  readonly decisionTime: Float64Array;
  /** Label input: close of the decision bar (points). */
  readonly entry: Float64Array;
  /** Label input: stop distance s in points (tick multiple); NaN during warm-up. */
  readonly stop: Float64Array;
  /** Class index (`LABEL_LONG`, `LABEL_SHORT`, `LABEL_NONE`) or `LABEL_UNKNOWN`. */
  readonly label: Int8Array;
  /** Bracket outcome of each side (`OUTCOME_*`). */
  readonly longOutcome: Int8Array;
  readonly shortOutcome: Int8Array;
  /** Bit set of `FLAG_*`. */
  readonly flags: Uint8Array;
  /** Exclusive end (UTC ms) of the data the row's label and targets depend on (for purging). */
  readonly horizonEnd: Float64Array;
  /** Target horizons in five-minute bars, and the matching names `target.h<k>`. */
  readonly targetHorizons: readonly number[];
  readonly targetNames: readonly string[];
  /** close(t + k) − close(t) in points per horizon; NaN past the data end or across a roll. */
  readonly targets: readonly Float64Array[];
}

function positiveInteger(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${what} must be a positive integer, got ${value}`);
  }
  return value;
}

/** Fills defaults and rejects invalid tunables (fail fast, never propagate a bad number). */
export function resolveLabelOptions(options: LabelOptions = {}): ResolvedLabelOptions {
  const minStopTicks = positiveInteger(options.minStopTicks ?? 8, 'minStopTicks');
  const maxStopTicks = positiveInteger(options.maxStopTicks ?? 200, 'maxStopTicks');
  if (maxStopTicks < minStopTicks) {
    throw new RangeError(`maxStopTicks ${maxStopTicks} is below minStopTicks ${minStopTicks}`);
  }
  const stopMultiplier = options.stopMultiplier ?? 1.5;
  if (!Number.isFinite(stopMultiplier) || stopMultiplier <= 0) {
    throw new RangeError(`stopMultiplier must be a positive number, got ${stopMultiplier}`);
  }
  const targetHorizons = (options.targetHorizons ?? [1, 3, 6, 12]).map((h) =>
    positiveInteger(h, 'target horizon'),
  );
  if (new Set(targetHorizons).size !== targetHorizons.length) {
    throw new RangeError(`target horizons must be distinct, got ${targetHorizons.join(', ')}`);
  }
  const rollTimes = [...(options.rollTimes ?? [])];
  for (const r of rollTimes) {
    if (!Number.isFinite(r)) throw new RangeError(`roll time must be finite, got ${r}`);
  }
  rollTimes.sort((a, b) => a - b);
  return {
    horizonBars: positiveInteger(options.horizonBars ?? 50, 'horizonBars'),
    stopWindow: positiveInteger(options.stopWindow ?? 24, 'stopWindow'),
    stopMultiplier,
    minStopTicks,
    maxStopTicks,
    targetHorizons,
    rollTimes,
  };
}
