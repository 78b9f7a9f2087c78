import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Normalizer, applyNormalization } from './apply-normalization';
import { featureTable, type FeatureTable } from './feature-table';
import { fitNormalization } from './fit-normalization';
import {
  NormalizationError,
  parseNormalization,
  serializeNormalization,
} from './normalization-stats';

const f64 = (xs: readonly number[]): Float64Array => Float64Array.from(xs);

/** Rows 0–4 are the training span; rows 5–6 lie outside it. */
function sample(): FeatureTable {
  return featureTable(
    ['ret', 'flat', 'sparse', 'gappy'],
    [
      f64([1, 2, 3, 4, 100, -50, 7]),
      f64([5, 5, 5, 5, 5, 9, 1]),
      f64([0, 0, 0, 0, 1, 0, 0]),
      f64([Number.NaN, 2, Number.NaN, 4, Infinity, 3, 3]),
    ],
  );
}

describe('fitting', () => {
  it('fits the median and IQR / 1.349 of the training span by default', () => {
    const stats = fitNormalization(sample(), { from: 0, to: 5 });
    // ret over rows 0–4: 1 2 3 4 100 → median 3, Q1 2, Q3 4 → IQR 2 (the 100 does not matter)
    expect(stats.features[0]).toEqual({
      name: 'ret',
      method: 'robust',
      center: 3,
      scale: 2 / 1.349,
      status: 'ok',
      count: 5,
    });
    expect(stats.fittedRows).toEqual({ from: 0, to: 5, used: 5 });
  });

  it('marks a constant column, which then maps every finite value to 0', () => {
    const stats = fitNormalization(sample(), { from: 0, to: 5 });
    expect(stats.features[1]).toMatchObject({ center: 5, scale: 1, status: 'constant' });
    const out = applyNormalization(stats, sample());
    expect(Array.from(out.columns[1] ?? [])).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('falls back to the standard deviation when the IQR of a sparse column is 0', () => {
    const stats = fitNormalization(sample(), { from: 0, to: 5 });
    // 0 0 0 0 1: median 0, IQR 0, std = sqrt(0.16) = 0.4
    expect(stats.features[2]).toMatchObject({ center: 0, status: 'iqr-zero' });
    expect(stats.features[2]?.scale).toBeCloseTo(0.4, 12);
  });

  it('skips NaN and infinite values and excluded rows', () => {
    const table = sample();
    const stats = fitNormalization(table, { from: 0, to: 5, exclude: [0, 0, 0, 1, 0, 0, 0] });
    // gappy: rows 0 and 2 NaN, row 3 excluded, row 4 infinite → only row 1 (2) remains
    expect(stats.features[3]).toMatchObject({ center: 2, status: 'constant', count: 1 });
    expect(stats.fittedRows.used).toBe(4);
  });

  it('reports an empty column instead of inventing statistics', () => {
    const t = featureTable(['x'], [f64([Number.NaN, Number.NaN, 1])]);
    expect(fitNormalization(t, { from: 0, to: 2 }).features[0]).toMatchObject({
      status: 'empty',
      count: 0,
    });
  });

  it('fits mean and std, or nothing, where asked', () => {
    const stats = fitNormalization(sample(), {
      from: 0,
      to: 4,
      methods: { ret: 'standard', sparse: 'identity' },
    });
    // ret rows 0–3: mean 2.5, std sqrt(1.25)
    expect(stats.features[0]).toMatchObject({ method: 'standard', center: 2.5 });
    expect(stats.features[0]?.scale).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(stats.features[2]).toMatchObject({ method: 'identity', center: 0, scale: 1 });
  });

  it('rejects a span outside the table, an empty span and unknown method names', () => {
    expect(() => fitNormalization(sample(), { from: 0, to: 8 })).toThrow(RangeError);
    expect(() => fitNormalization(sample(), { from: 3, to: 3 })).toThrow(/empty/);
    expect(() =>
      fitNormalization(sample(), { from: 0, to: 5, methods: { nope: 'robust' } }),
    ).toThrow(/nope/);
  });

  it('does not change when rows outside the training span change (no leakage)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noDefaultInfinity: true }), { minLength: 4, maxLength: 60 }),
        fc.array(fc.double(), { minLength: 60, maxLength: 60 }),
        fc.nat(),
        fc.nat(),
        (values, noise, a, b) => {
          const n = values.length;
          const from = a % n;
          const to = from + 1 + (b % (n - from));
          const base = featureTable(['x', 'y'], [f64(values), f64(values.map((v) => v * 2))]);
          const changed = values.map((v, i) => (i >= from && i < to ? v : (noise[i] as number)));
          const other = featureTable(['x', 'y'], [f64(changed), f64(changed.map((v) => v * 2))]);
          const s1 = fitNormalization(base, { from, to });
          const s2 = fitNormalization(other, { from, to });
          expect(serializeNormalization(s2)).toBe(serializeNormalization(s1));
        },
      ),
    );
  });
});

describe('applying', () => {
  it('maps (x − center) / scale and leaves NaN as NaN', () => {
    const stats = fitNormalization(sample(), { from: 0, to: 5 });
    const out = applyNormalization(stats, sample());
    const k = 1.349 / 2;
    expect(Array.from(out.columns[0] ?? [])).toEqual(
      [1, 2, 3, 4, 100, -50, 7].map((x) => Math.fround((x - 3) * k)),
    );
    expect(Number.isNaN(out.columns[3]?.[0])).toBe(true);
  });

  it('clips when asked', () => {
    const stats = fitNormalization(sample(), { from: 0, to: 5, clip: 3 });
    const out = applyNormalization(stats, sample());
    expect(out.columns[0]?.[4]).toBe(3);
    expect(out.columns[0]?.[5]).toBe(-3);
  });

  it('never refits: other data leaves the stats and the map unchanged', () => {
    const stats = fitNormalization(sample(), { from: 0, to: 5 });
    const before = serializeNormalization(stats);
    const shifted = featureTable(
      sample().names,
      sample().columns.map((c) => c.map((x) => x * 10 + 1000)),
    );
    const out = applyNormalization(stats, shifted);
    expect(serializeNormalization(stats)).toBe(before);
    expect(out.columns[0]?.[0]).toBe(Math.fround((1010 - 3) * (1.349 / 2)));
    expect(Object.isFrozen(stats.features[0])).toBe(true);
  });

  it('gives the same numbers row by row as for the whole table', () => {
    const table = sample();
    const stats = fitNormalization(table, { from: 0, to: 5 });
    const normalizer = new Normalizer(stats, table.names);
    const batch = normalizer.table(table);
    const out = new Float32Array(table.names.length);
    for (let i = 0; i < table.length; i++) {
      normalizer.row(
        table.columns.map((c) => c[i] as number),
        out,
      );
      expect(Array.from(out)).toEqual(batch.columns.map((c) => c[i]));
    }
  });

  it('refuses stats whose feature names differ from the data', () => {
    const stats = fitNormalization(sample(), { from: 0, to: 5 });
    const renamed = featureTable(['ret', 'flat', 'sparse', 'gap'], sample().columns);
    expect(() => applyNormalization(stats, renamed)).toThrow(NormalizationError);
    expect(() => applyNormalization(stats, renamed)).toThrow(
      'normalization stats do not fit these features: missing from the data: gappy; not in the stats: gap',
    );
    const reordered = featureTable(['flat', 'ret', 'sparse', 'gappy'], sample().columns);
    expect(() => applyNormalization(stats, reordered)).toThrow(
      /another order \(column 0: stats 'ret', data 'flat'\)/,
    );
  });
});

describe('JSON', () => {
  it('round-trips exactly, names and version included', () => {
    const stats = fitNormalization(sample(), { from: 0, to: 5, clip: 8 });
    const json = serializeNormalization(stats);
    const back = parseNormalization(json);
    expect(back).toEqual(stats);
    expect(JSON.parse(json)).toMatchObject({ format: 'nqh.normalization', version: 1 });
    expect(applyNormalization(back, sample())).toEqual(applyNormalization(stats, sample()));
  });

  it('refuses another version, a broken file and a non-positive scale', () => {
    const json = serializeNormalization(fitNormalization(sample(), { from: 0, to: 5 }));
    const edit = (f: (o: Record<string, unknown>) => void): string => {
      const o = JSON.parse(json) as Record<string, unknown>;
      f(o);
      return JSON.stringify(o);
    };
    expect(() => parseNormalization(edit((o) => (o.version = 2)))).toThrow(/version 2/);
    expect(() => parseNormalization('{')).toThrow(NormalizationError);
    const zeroScale = edit((o) => {
      (o.features as Array<Record<string, unknown>>)[0]!.scale = 0;
    });
    expect(() => parseNormalization(zeroScale)).toThrow(/features\.0\.scale/);
  });
});
