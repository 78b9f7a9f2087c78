/**
 * Deterministic random numbers for the evaluation tests (not used by production code):
 * mulberry32 uniforms and Box–Muller normals, so every test draws the same samples.
 */

/** Seeded generator of uniforms in [0, 1) and standard normals. */
export interface Rng {
  uniform(): number;
  normal(): number;
}

/** mulberry32 seeded by `seed`; `normal()` uses Box–Muller (one value per call). */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal };
}

/** Draws a class from the probabilities p[0..k) with one uniform. */
export function sampleClass(rng: Rng, p: ArrayLike<number>): number {
  const u = rng.uniform();
  let acc = 0;
  for (let k = 0; k < p.length; k++) {
    acc += p[k] as number;
    if (u < acc) return k;
  }
  return p.length - 1;
}
