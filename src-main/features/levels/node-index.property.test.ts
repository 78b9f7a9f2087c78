import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNodes, type NodeParams } from './node-scan';
import { VolumeHistogram } from './volume-histogram';

const NODES: NodeParams = { smoothBins: 9, window: 20, hvnFactor: 1.5, lvnFactor: 0.5 };

/** A bar over ticks [lo, lo + width] with `w` per tick; `query` reads the nodes after it. */
const barArb = fc.record({
  // Far-apart bars leave gaps (empty runs, smoothed gaps); close ones overlap.
  lo: fc.oneof(fc.integer({ min: 100, max: 160 }), fc.integer({ min: 100, max: 400 })),
  width: fc.integer({ min: 0, max: 30 }),
  // Whole numbers give exact plateaus and ties; thirds give rounding residue.
  w: fc.oneof(
    fc.integer({ min: 1, max: 4 }),
    fc.integer({ min: 1, max: 12 }).map((x) => x / 3),
  ),
  query: fc.boolean(),
});

describe('incremental HVN / LVN index', () => {
  it('holds exactly the nodes of a from-scratch scan after any sequence of bars and reads', () => {
    fc.assert(
      fc.property(
        fc.array(barArb, { minLength: 1, maxLength: 80 }),
        fc.boolean(),
        (bars, every) => {
          // A small capacity makes the window move and grow under the index.
          const h = new VolumeHistogram(64, NODES);
          bars.forEach((bar, i) => {
            h.addVolume(bar.lo, bar.lo + bar.width, bar.w);
            if (!every && !bar.query && i < bars.length - 1) return;
            const bins = h.data.slice(h.from, h.from + h.size);
            const ref = findNodes(bins, NODES, h.smoothMean);
            expect(h.allNodes(1)).toEqual(ref.hvn.map((k) => h.lo + k));
            expect(h.allNodes(-1)).toEqual(ref.lvn.map((k) => h.lo + k));
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
