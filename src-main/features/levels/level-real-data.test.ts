/**
 * The levels on real NQ minutes from ../shared/data (read at test time, never copied into
 * the repository): two months holding the DST changes. Skipped, with a message, where that
 * folder is absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionState } from '@shared/calendar/session';
import { importFile } from '../../data/import/importer';
import { tmpStore } from '../../data/import/test-files';
import { computeLevels } from './level-batch';
import { decisionBars } from './level-columns';
import { ALL_LEVEL_BITS, LEVEL_GROUP, LEVEL_NAMES, LevelBit, SIDED_LEVELS } from './level-names';

const DATA = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'nq');
const CT = join(DATA, 'ct-1m-2024-2025');
const present = existsSync(CT);
if (!present) {
  console.warn(
    `level real-data tests skipped: ${CT} not found (the shared data folder sits beside the repository)`,
  );
}

describe.skipIf(!present)('levels on real NQ minutes', () => {
  const store = tmpStore();
  for (const month of ['03', '11']) importFile(store, join(CT, `nq-2024-${month}.1m.csv`));
  const { bars, volumeAbsent } = store.bars('NQ', 1);
  const cols = computeLevels(bars, decisionBars(bars.time, bars.length, 5));
  afterAll(() => store.close());

  it('has no NaN or Infinity outside levels flagged undefined', () => {
    expect(volumeAbsent).toBe(false);
    expect(cols.length).toBeGreaterThan(10_000);
    for (const name of LEVEL_NAMES) {
      const column = cols.level[name];
      const bit = LevelBit[LEVEL_GROUP[name]];
      for (let r = 0; r < cols.length; r++) {
        const v = column[r] as number;
        const defined = ((cols.defined[r] as number) & bit) !== 0;
        const ok = !defined
          ? Number.isNaN(v)
          : Number.isFinite(v) || (SIDED_LEVELS.has(name) && Number.isNaN(v));
        if (!ok)
          throw new Error(`${name} = ${v} at ${new Date(cols.time[r] as number).toISOString()}`);
      }
    }
  });

  it('defines every level once the first week of data has passed (the IB once it is final)', () => {
    const warm = (cols.time[0] as number) + 8 * 86_400_000;
    let rows = 0;
    let forming = 0;
    for (let r = 0; r < cols.length; r++) {
      const t = cols.time[r] as number;
      if (t < warm) continue;
      rows++;
      // Periods A and B (09:30–10:30 ET): the initial balance is forming. The row of the
      // 10:29 bar has seen B end.
      const ny = DateTime.fromMillis(t, { zone: 'America/New_York' });
      const ab = sessionState(t) === 'RTH' && ny.hour * 60 + ny.minute < 10 * 60 + 29;
      if (ab) forming++;
      expect(cols.defined[r]).toBe(ab ? ALL_LEVEL_BITS & ~LevelBit.initialBalance : ALL_LEVEL_BITS);
    }
    expect(rows).toBeGreaterThan(5_000);
    expect(forming).toBeGreaterThan(300);
  });

  it('keeps value areas around their POC and the initial balance ordered', () => {
    const l = cols.level;
    for (let r = 0; r < cols.length; r++) {
      for (const [val, poc, vah] of [
        [l.sessionVal, l.sessionPoc, l.sessionVah],
        [l.weekVal, l.weekPoc, l.weekVah],
        [l.tpoVal, l.tpoPoc, l.tpoVah],
      ] as const) {
        if (Number.isNaN(poc[r] as number)) continue;
        expect(val[r]).toBeLessThanOrEqual(poc[r] as number);
        expect(poc[r]).toBeLessThanOrEqual(vah[r] as number);
      }
      if (!Number.isNaN(l.ibLow[r] as number)) {
        expect(l.ibLow[r]).toBeLessThanOrEqual(l.ibHigh[r] as number);
      }
    }
  });
});
