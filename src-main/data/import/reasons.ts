/** Why a row was quarantined. Each code appears in the import summary with its count. */
export const QUARANTINE_REASONS = [
  'UNPARSABLE',
  'NONEXISTENT_LOCAL_TIME',
  'NON_FINITE_PRICE',
  'NON_POSITIVE_PRICE',
  'OFF_TICK_GRID',
  'HIGH_LOW_INCONSISTENT',
  'BAD_VOLUME',
  'MISALIGNED_TIME',
  'OUTSIDE_SESSION',
  'DUPLICATE_CONFLICT',
  'SPIKE',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

export const REASON_TEXT: Readonly<Record<QuarantineReason, string>> = {
  UNPARSABLE: 'line could not be parsed',
  NONEXISTENT_LOCAL_TIME: 'local time does not exist (daylight-saving gap)',
  NON_FINITE_PRICE: 'price is not a finite number',
  NON_POSITIVE_PRICE: 'price is zero or negative',
  OFF_TICK_GRID: 'price is not a multiple of 0.25',
  HIGH_LOW_INCONSISTENT: 'high/low inconsistent with open/close',
  BAD_VOLUME: 'volume is negative, fractional or not a number',
  MISALIGNED_TIME: "bar time is not aligned to the file's timeframe",
  OUTSIDE_SESSION: 'timestamp inside the daily halt, the weekend or a holiday closure',
  DUPLICATE_CONFLICT: 'same timestamp already stored with different values',
  SPIKE: 'bar range far beyond the local median',
};
