/**
 * Branded domain scalars. A brand makes `Price` and `UtcMs` distinct from a bare number at
 * compile time; the constructors reject NaN and non-finite values at run time, so a bad
 * number fails where it enters instead of propagating.
 */
export type Brand<T, B extends string> = T & { readonly __brand: B };

/** UTC epoch milliseconds. */
export type UtcMs = Brand<number, 'UtcMs'>;
/** An index price in points. */
export type Price = Brand<number, 'Price'>;
/** A whole, non-negative number of contracts. */
export type Contracts = Brand<number, 'Contracts'>;

/** Thrown when a number entering the domain is NaN, infinite or out of its range. */
export class DomainValueError extends Error {
  override readonly name = 'DomainValueError';
}

function finite(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DomainValueError(`${what} must be a finite number, got ${String(value)}`);
  }
  return value;
}

/** Brands a UTC epoch-millisecond instant; rejects non-integers and non-finite values. */
export function utcMs(value: number): UtcMs {
  finite(value, 'UtcMs');
  if (!Number.isInteger(value))
    throw new DomainValueError(`UtcMs must be an integer, got ${value}`);
  return value as UtcMs;
}

/** Brands a price; rejects NaN, infinities and non-positive values. */
export function price(value: number): Price {
  finite(value, 'Price');
  if (value <= 0) throw new DomainValueError(`Price must be positive, got ${value}`);
  return value as Price;
}

/** Brands a contract count; rejects negatives and fractions. */
export function contracts(value: number): Contracts {
  finite(value, 'Contracts');
  if (!Number.isInteger(value) || value < 0) {
    throw new DomainValueError(`Contracts must be a whole number ≥ 0, got ${value}`);
  }
  return value as Contracts;
}
