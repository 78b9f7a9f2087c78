import { describe, expect, it } from 'vitest';
import { sampledAllocation } from './heap-sampling';

describe('sampledAllocation', () => {
  it('sees short-lived garbage, in about the amount allocated', async () => {
    let kept = 0;
    // 200,000 arrays of 8 doubles (each an array object and an 80-byte store, ~22 MB, plus
    // the growing list: ~29 MB measured), held until the function returns so no optimiser
    // can drop them, garbage afterwards.
    const bytes = await sampledAllocation(() => {
      const held: number[][] = [];
      for (let i = 0; i < 200_000; i++) held.push([i + 0.5, i, i, i, i, i, i, i]);
      kept = held.length;
    });
    expect(kept).toBe(200_000);
    expect(bytes).toBeGreaterThan(20e6);
    expect(bytes).toBeLessThan(40e6);
  });

  it('reports next to nothing for code that allocates nothing', async () => {
    // Small-integer arithmetic into an Int32Array: no value is boxed even before the
    // optimiser runs (a double loop would box in the interpreter).
    const xs = new Int32Array(100_000);
    const bytes = await sampledAllocation(() => {
      for (let r = 0; r < 20; r++)
        for (let i = 0; i < xs.length; i++) xs[i] = ((xs[i] as number) + 1) | 0;
    });
    expect(xs[0]).toBe(20);
    expect(bytes).toBeLessThan(2e6);
  });
});
