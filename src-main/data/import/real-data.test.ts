/**
 * The importer, resampler and roll detection on the real NQ files in ../shared/data
 * (read at test time, never copied into the repository). Skipped, with a message, where
 * that folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { barCsvLine } from '../bars-csv';
import { queryBars, type QueryTimeframe } from '../bars-query';
import { importFile } from './importer';
import { tmpStore } from './test-files';

const DATA = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'nq');
const present = existsSync(DATA);
if (!present)
  console.warn(
    `real-data tests skipped: ${DATA} not found (the shared data folder sits beside the repository)`,
  );

const FR = join(DATA, 'firstrate-sample-2023-11');
const CT = join(DATA, 'ct-1m-2024-2025');

describe.skipIf(!present)('real NQ files', () => {
  const cases: [string, Record<string, unknown>][] = [
    [
      'firstrate-sample-2023-11/NQ_1min_sample.csv',
      {
        format: 'firstrate',
        timeZone: 'America/New_York',
        dateOrder: 'ymd',
        timeframe: 1,
        rowsRead: 14_714,
      },
    ],
    [
      'firstrate-sample-2023-11/NQ_5min_sample.csv',
      { format: 'firstrate', timeZone: 'America/New_York', timeframe: 5, rowsRead: 2_943 },
    ],
    [
      'firstrate-sample-2023-11/NQ_15min_sample.csv',
      { format: 'firstrate', timeframe: 15, rowsRead: 981 },
    ],
    [
      'firstrate-sample-2023-11/NQ_30min_sample.csv',
      { format: 'firstrate', timeframe: 30, rowsRead: 491 },
    ],
    [
      'firstrate-sample-2023-11/NQ_1hour_sample.csv',
      { format: 'firstrate', timeframe: 60, rowsRead: 246 },
    ],
    [
      'firstrate-sample-2023-11/NQ_1day_sample.csv',
      { format: 'firstrate', timeframe: 1440, rowsRead: 10 },
    ],
    [
      'ct-1m-2024-2025/nq-2025-01-to-03-11.1m.ddmmyyyy.csv',
      {
        format: 'tradestation',
        timeZone: 'America/Chicago',
        dateOrder: 'dmy',
        dateOrderSource: 'detected',
        timeframe: 1,
        rowsRead: 65_728,
      },
    ],
    [
      'tradestation-30m-eth-2020-2025.israel-time.csv',
      {
        format: 'generic',
        timeZone: 'Asia/Jerusalem',
        zoneSource: 'inferred',
        dateOrder: 'dmy',
        timeframe: 30,
        rowsRead: 56_083,
      },
    ],
    [
      'pacific-5m-2019.no-volume.csv',
      {
        format: 'generic',
        timeZone: 'America/Los_Angeles',
        zoneSource: 'inferred',
        dateOrder: 'ymd',
        timeframe: 5,
        rowsRead: 70_002,
        volumeAbsent: true,
      },
    ],
  ];
  for (const [file, expected] of cases) {
    it(`imports ${file} with the right zone and date order, no flags`, () => {
      const store = tmpStore();
      const s = importFile(store, join(DATA, file));
      expect(s).toMatchObject(expected);
      // Every row of these files is good data: all stored, none quarantined, none NaN.
      expect(s.quarantined).toBe(0);
      expect(s.imported).toBe(s.rowsRead);
      expect(store.counts().bars).toBe(s.rowsRead);
      store.close();
    });
  }

  it('imports the twelve 2024 Central-time monthly files (month-first dates) and finds the four rolls', () => {
    const store = tmpStore();
    let rows = 0;
    for (const f of readdirSync(CT)
      .filter((n) => n.startsWith('nq-2024-'))
      .sort()) {
      const s = importFile(store, join(CT, f));
      expect(s).toMatchObject({
        format: 'tradestation',
        timeZone: 'America/Chicago',
        dateOrder: 'mdy',
        quarantined: 0,
      });
      rows += s.imported;
    }
    expect(rows).toBe(354_663);
    const rolls = store.rolls('NQ', 1);
    expect(
      rolls.map((r) => DateTime.fromMillis(r.time, { zone: 'America/Chicago' }).toISODate()),
    ).toEqual(['2024-03-12', '2024-06-17', '2024-09-17', '2024-12-20']);
    expect(rolls.map((r) => [r.fromContract, r.toContract])).toEqual([
      ['NQH4', 'NQM4'],
      ['NQM4', 'NQU4'],
      ['NQU4', 'NQZ4'],
      ['NQZ4', 'NQH5'],
    ]);
    for (const r of rolls) {
      expect(r.gap).toBeGreaterThanOrEqual(230);
      expect(r.gap).toBeLessThanOrEqual(261);
    }
    // The back-adjusted view is continuous across each roll; the raw view is not.
    const raw = queryBars(store, { timeframe: '1m' }).bars;
    const adj = queryBars(store, { timeframe: '1m', adjusted: true }).bars;
    for (const r of rolls) {
      const i = raw.lowerBound(r.time);
      expect(Math.abs((raw.open[i] as number) - (raw.close[i - 1] as number))).toBeGreaterThan(200);
      expect(Math.abs((adj.open[i] as number) - (adj.close[i - 1] as number))).toBeLessThan(30);
    }
    expect(adj.close[adj.length - 1]).toBe(raw.close[raw.length - 1]);
    store.close();
  });

  it('resamples the FirstRate 1-minute file to equal the vendor 5/15/30/60-minute files bar for bar', () => {
    const store = tmpStore();
    importFile(store, join(FR, 'NQ_1min_sample.csv'));
    const files: [QueryTimeframe, string][] = [
      ['5m', 'NQ_5min_sample.csv'],
      ['15m', 'NQ_15min_sample.csv'],
      ['30m', 'NQ_30min_sample.csv'],
      ['1h', 'NQ_1hour_sample.csv'],
    ];
    for (const [tf, file] of files) {
      const vendor = readFileSync(join(FR, file), 'utf8').trim().split('\n').slice(1);
      const bars = queryBars(store, { timeframe: tf }).bars;
      expect(bars.length, tf).toBe(vendor.length);
      for (let i = 0; i < bars.length; i++) {
        const ours = barCsvLine(bars, i).split(',');
        const theirs = (vendor[i] as string).split(',');
        // Vendor stamps are US Eastern wall time; ours ISO 8601 with the New York offset.
        expect(`${ours[0]?.slice(0, 10)} ${ours[0]?.slice(11, 19)}`, `${tf} bar ${i}`).toBe(
          theirs[0],
        );
        expect(ours.slice(1).map(Number), `${tf} bar ${i} at ${theirs[0]}`).toEqual(
          theirs.slice(1, 6).map(Number),
        );
      }
    }
    store.close();
  });
});
