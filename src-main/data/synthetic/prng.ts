/**
 * A small seeded pseudo-random generator for synthetic data: xoshiro128** (Blackman and
 * Vigna) seeded through splitmix32. Math.random cannot be seeded, so it would make the
 * embedded market differ on every run; this generator gives the same stream for the same
 * seed on every platform because it only uses 32-bit integer arithmetic.
 *
 * Not cryptographic. Every method is allocation-free.
 */

const TWO_POW_32 = 4_294_967_296;

/** One step of splitmix32: spreads a seed so that nearby seeds give unrelated states. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Seeded xoshiro128** generator with uniform and standard-normal draws. */
export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Box-Muller yields normals in pairs; the second waits here (NaN when none). */
  private spare = Number.NaN;

  /**
   * @param seed any finite number; it is reduced to 32 bits, so seeds that agree modulo
   *   2^32 give the same stream.
   */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
    // Fold the integer part to 32 bits; a fractional seed is truncated on purpose.
    let x = (Math.trunc(seed) % TWO_POW_32) | 0;
    x = splitmix32(x);
    this.s0 = x;
    x = splitmix32(x);
    this.s1 = x;
    x = splitmix32(x);
    this.s2 = x;
    x = splitmix32(x);
    this.s3 = x;
    // An all-zero state would only ever produce zeros.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator with the given raw state (known-answer tests, resuming a saved stream). */
  static fromState(s0: number, s1: number, s2: number, s3: number): Prng {
    const prng = new Prng(0);
    prng.s0 = s0 | 0;
    prng.s1 = s1 | 0;
    prng.s2 = s2 | 0;
    prng.s3 = s3 | 0;
    if ((prng.s0 | prng.s1 | prng.s2 | prng.s3) === 0) prng.s0 = 1;
    return prng;
  }

  /** Next unsigned 32-bit integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const t = s1 << 9;
    let r = Math.imul(s1, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return r >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in the open interval (0, 1): safe as the argument of a logarithm. */
  nextOpen(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /** Standard normal draw (mean 0, variance 1) by the Box-Muller transform. */
  normal(): number {
    const spare = this.spare;
    if (!Number.isNaN(spare)) {
      this.spare = Number.NaN;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(this.nextOpen()));
    const angle = 2 * Math.PI * this.next();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Integer uniform in [0, n) for 1 ≤ n ≤ 2^32 (multiply-shift; bias below 2^-32·n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
