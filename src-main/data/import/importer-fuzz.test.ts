import { describe, expect, it } from 'vitest';
import { Prng } from '../synthetic/prng';
import { SyntheticMarket } from '../synthetic/synthetic-market';
import { nyIso } from '../ny-format';
import { importFile } from './importer';
import type { QuarantineReason } from './reasons';
import { dump, tmpCsv, tmpStore } from './test-files';

const ROWS = 40_000;

/** FirstRate-style row (US Eastern wall time) for a bar. */
function row(t: number, o: number, h: number, l: number, c: number, v: number | string): string {
  return `${nyIso(t).slice(0, 19).replace('T', ' ')},${o.toFixed(2)},${h.toFixed(2)},${l.toFixed(2)},${c.toFixed(2)},${v}`;
}

type Mutation = (
  b: { t: number; o: number; h: number; l: number; c: number; v: number },
  rng: Prng,
) => [string, QuarantineReason] | undefined;

const MUTATIONS: Mutation[] = [
  (_b, rng) => [
    'x' + Array.from({ length: 1 + rng.int(30) }, () => 'xyz;:"q |'[rng.int(9)]).join(''),
    'UNPARSABLE',
  ],
  (b) => [row(b.t, b.o, b.h, b.l, b.c, b.v).split(',').slice(0, 4).join(','), 'UNPARSABLE'],
  (b, rng) => [
    row(b.t, b.o, b.h, b.l, b.c, b.v).replace(
      /,[\d.]+,/,
      `,${['NaN', 'inf', '', '1e999', '--3'][rng.int(5)]},`,
    ),
    'NON_FINITE_PRICE',
  ],
  (b) => [row(b.t, -b.o, b.h, b.l, b.c, b.v), 'NON_POSITIVE_PRICE'],
  (b) => [row(b.t, b.o, b.h, b.l, b.c + 0.1, b.v), 'OFF_TICK_GRID'],
  (b) => (b.h > b.l ? [row(b.t, b.o, b.l, b.h, b.c, b.v), 'HIGH_LOW_INCONSISTENT'] : undefined),
  (b, rng) => [
    row(b.t, b.o, b.h, b.l, b.c, ['-5', '2.5', 'abc'][rng.int(3)] as string),
    'BAD_VOLUME',
  ],
  (b) => {
    const d = nyIso(b.t).slice(0, 10);
    return [
      `${d} 17:30:00,${b.o.toFixed(2)},${b.h.toFixed(2)},${b.l.toFixed(2)},${b.c.toFixed(2)},${b.v}`,
      'OUTSIDE_SESSION',
    ];
  },
  (b) => [row(b.t + 17_000, b.o, b.h, b.l, b.c, b.v), 'MISALIGNED_TIME'],
  (b) => [row(b.t, b.o, Math.round(b.c * 1.1 * 4) / 4, b.l, b.c, b.v), 'SPIKE'],
];

describe('importer under fuzzed input', () => {
  it(`quarantines every one of ≥ 10,000 mutated rows among ${ROWS} with its line and reason, stores every good row, and never crashes`, () => {
    const market = new SyntheticMarket({ seed: 11, start: Date.UTC(2024, 4, 6) });
    const rng = new Prng(2024);
    const lines = ['timestamp,open,high,low,close,volume'];
    const expected = new Map<number, QuarantineReason>();
    const good = new Map<number, string>();
    const emitted: { t: number; line: string }[] = [];
    for (let i = 0; i < ROWS; i++) {
      const b = market.nextBar();
      const lineNo = lines.length + 1;
      const mutate = i > 200 && rng.next() < 0.3;
      let mutated: [string, QuarantineReason] | undefined;
      if (mutate) {
        if (rng.next() < 0.08 && emitted.length > 0) {
          // A conflicting duplicate of an earlier good row: same time, other close.
          const prev = emitted[rng.int(emitted.length)] as { t: number; line: string };
          const f = prev.line.split(',');
          const close = Number(f[4]) === Number(f[2]) ? Number(f[3]) : Number(f[2]);
          mutated = [
            [f[0], f[1], f[2], f[3], close.toFixed(2), f[5]].join(','),
            'DUPLICATE_CONFLICT',
          ];
        } else {
          mutated = (MUTATIONS[rng.int(MUTATIONS.length)] as Mutation)(
            { t: b.time, o: b.open, h: b.high, l: b.low, c: b.close, v: b.volume },
            rng,
          );
        }
      }
      if (mutated) {
        lines.push(mutated[0]);
        expected.set(lineNo, mutated[1]);
      } else {
        const line = row(b.time, b.open, b.high, b.low, b.close, b.volume);
        lines.push(line);
        good.set(b.time, line);
        emitted.push({ t: b.time, line });
      }
    }
    expect(expected.size).toBeGreaterThanOrEqual(10_000);

    const store = tmpStore();
    const s = importFile(store, tmpCsv('fuzz.csv', lines));
    const quarantined = new Map(
      store.quarantined(s.sha256, 100_000).map((q) => [q.line, q.reason]),
    );
    expect(s.rowsRead).toBe(ROWS);
    expect(s.quarantined).toBe(expected.size);
    expect(quarantined).toEqual(expected);
    expect(s.imported).toBe(good.size);
    // No bad row stored: every stored bar is exactly a good row.
    for (const [iso, o, h, l, c, v] of dump(store)) {
      const line = good.get(Date.parse(iso));
      expect(line, `stored bar ${iso} was not a good row`).toBeDefined();
      expect(line).toBe(row(Date.parse(iso), o, h, l, c, v as number));
    }
  });
});
