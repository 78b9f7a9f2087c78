import { describe, expect, it } from 'vitest';
import { ImportCancelled, importFile } from './importer';
import { ImportNeedsInput } from './infer';
import { LayoutError } from './layout';
import { dump, tmpCsv, tmpStore } from './test-files';

// Tue 2024-03-05 09:30 ET = 14:30 UTC; 08:30 CT = 14:30 UTC.
describe('vendor formats', () => {
  it('imports FirstRate (US Eastern, start-stamped)', () => {
    const store = tmpStore();
    const file = tmpCsv('NQ_1min.csv', [
      'timestamp,open,high,low,close,volume',
      '2024-03-05 09:30:00,18000.00,18010.25,17995.00,18005.50,1200',
      '2024-03-05 09:31:00,18005.50,18006.00,18001.00,18002.00,800',
    ]);
    const s = importFile(store, file);
    expect(s).toMatchObject({
      format: 'firstrate',
      timeZone: 'America/New_York',
      timeframe: 1,
      imported: 2,
      quarantined: 0,
    });
    expect(dump(store)).toEqual([
      ['2024-03-05T14:30:00.000Z', 18000, 18010.25, 17995, 18005.5, 1200],
      ['2024-03-05T14:31:00.000Z', 18005.5, 18006, 18001, 18002, 800],
    ]);
  });

  it('imports NinjaTrader (semicolon, yyyyMMdd HHmmss) with --tz', () => {
    const store = tmpStore();
    const file = tmpCsv('NQ.Last.txt', [
      '20240305 093000;18000;18001;17999;18000.5;10',
      '20240305 093100;18000.5;18002;18000;18001;12',
    ]);
    const s = importFile(store, file, { tz: 'America/New_York' });
    expect(s).toMatchObject({ format: 'ninjatrader', zoneSource: 'flag', imported: 2 });
    expect(dump(store)[0]?.[0]).toBe('2024-03-05T14:30:00.000Z');
  });

  it('imports TradingView exports with epoch seconds and extra columns ignored', () => {
    const store = tmpStore();
    const t = Date.UTC(2024, 2, 5, 14, 30) / 1000;
    const file = tmpCsv('CME_MINI_NQ1!, 1.csv', [
      'time,open,high,low,close,Volume,VWAP,Plot',
      `${t},18000,18001,17999,18000.5,10,18000.2,1`,
      `${t + 60},18000.5,18002,18000,18001,12,18000.4,2`,
    ]);
    const s = importFile(store, file);
    expect(s).toMatchObject({ format: 'tradingview', zoneSource: 'file', imported: 2 });
    expect(dump(store)[1]).toEqual(['2024-03-05T14:31:00.000Z', 18000.5, 18002, 18000, 18001, 12]);
  });

  it('imports TradingView exports with ISO times carrying an offset', () => {
    const store = tmpStore();
    const file = tmpCsv('tv.csv', [
      'time,open,high,low,close,Volume',
      '2024-03-05T09:30:00-05:00,18000,18001,17999,18000.5,10',
    ]);
    importFile(store, file);
    expect(dump(store)[0]?.[0]).toBe('2024-03-05T14:30:00.000Z');
  });

  it('imports TradeStation (Date,Time, exchange time US Central) summing Up and Down volume', () => {
    const store = tmpStore();
    const file = tmpCsv('NQ.txt', [
      '"Date","Time","Open","High","Low","Close","Up","Down"',
      '03/05/2024,08:30,18000,18001,17999,18000.5,6,4',
      '03/15/2024,08:31,18000.5,18002,18000,18001,7,5',
    ]);
    const s = importFile(store, file);
    expect(s).toMatchObject({
      format: 'tradestation',
      timeZone: 'America/Chicago',
      dateOrder: 'mdy',
      dateOrderSource: 'detected',
    });
    expect(dump(store)[0]).toEqual(['2024-03-05T14:30:00.000Z', 18000, 18001, 17999, 18000.5, 10]);
  });

  it('imports Databento ohlcv-1m with nanosecond UTC times and fixed-point prices', () => {
    const store = tmpStore();
    const ns = BigInt(Date.UTC(2024, 2, 5, 14, 30)) * 1_000_000n;
    const px = (p: number): string => String(BigInt(Math.round(p * 4)) * 250_000_000n);
    const file = tmpCsv('glbx-mdp3.ohlcv-1m.csv', [
      'ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol',
      `${ns},33,1,42,${px(18000)},${px(18001)},${px(17999)},${px(18000.5)},10,NQH4`,
    ]);
    const s = importFile(store, file);
    expect(s).toMatchObject({ format: 'databento', imported: 1 });
    expect(dump(store)[0]).toEqual(['2024-03-05T14:30:00.000Z', 18000, 18001, 17999, 18000.5, 10]);
  });

  it('records a roll where the contract symbol changes (Databento continuous file)', () => {
    const store = tmpStore();
    const ns = (m: number): bigint =>
      BigInt(Date.UTC(2024, 2, 11, 14, 30) + m * 60_000) * 1_000_000n;
    const px = (p: number): string => String(BigInt(Math.round(p * 4)) * 250_000_000n);
    const row = (m: number, p: number, sym: string): string =>
      `${ns(m)},33,1,42,${px(p)},${px(p + 1)},${px(p - 1)},${px(p)},10,${sym}`;
    const file = tmpCsv('nq-c-0.ohlcv-1m.csv', [
      'ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol',
      row(0, 18000, 'NQH4'),
      row(1, 18001, 'NQH4'),
      row(2, 18250, 'NQM4'),
      row(3, 18251, 'NQM4'),
    ]);
    const s = importFile(store, file);
    expect(s.rollsDetected).toBe(1);
    expect(store.rolls('NQ', 1)).toEqual([
      {
        symbol: 'NQ',
        timeframe: 1,
        time: Date.UTC(2024, 2, 11, 14, 32),
        fromContract: 'NQH4',
        toContract: 'NQM4',
        gap: 249,
        source: 'symbol',
        confidence: 1,
      },
    ]);
  });

  it('imports a generic file through a column mapping, marking volume absent', () => {
    const store = tmpStore();
    const file = tmpCsv('custom.csv', [
      'When;Px0;Px1;Px2;Px3',
      '2024-03-05 09:30;18000;18001;17999;18000.5',
    ]);
    const s = importFile(store, file, {
      format: 'generic',
      tz: 'America/New_York',
      mapping: { time: 'When', open: 'Px0', high: 'Px1', low: 'Px2', close: 'Px3' },
    });
    expect(s).toMatchObject({ format: 'generic', volumeAbsent: true, imported: 1 });
    expect(dump(store)[0]).toEqual([
      '2024-03-05T14:30:00.000Z',
      18000,
      18001,
      17999,
      18000.5,
      null,
    ]);
    expect(store.bars('NQ', 1).volumeAbsent).toBe(true);
  });

  it('names the file and the missing columns when it cannot map them', () => {
    const file = tmpCsv('odd.csv', ['a,b,c', '1,2,3']);
    expect(() => importFile(tmpStore(), file)).toThrow(LayoutError);
    expect(() => importFile(tmpStore(), file)).toThrow(
      /odd\.csv: cannot find column\(s\) time, open, high, low in the header/,
    );
  });
});

describe('date order and time zone', () => {
  it('stops and asks for --date-order when every day is ≤ 12', () => {
    const lines = [
      'Date,Time,Open,High,Low,Close,Volume',
      '03/04/2024,08:30,18000,18001,17999,18000.5,1',
      '03/05/2024,08:30,18000,18001,17999,18000.5,1',
    ];
    const file = tmpCsv('ambiguous.csv', lines);
    const store = tmpStore();
    expect(() => importFile(store, file)).toThrow(ImportNeedsInput);
    expect(() => importFile(store, file)).toThrow(/ambiguous\.csv: .*--date-order/);
    expect(store.counts().bars).toBe(0);
    const s = importFile(store, file, { dateOrder: 'dmy' });
    expect(s).toMatchObject({ dateOrder: 'dmy', dateOrderSource: 'flag' });
    expect(dump(store).map((r) => r[0])).toEqual([
      '2024-04-03T13:30:00.000Z',
      '2024-05-03T13:30:00.000Z',
    ]);
  });

  it('refuses dates that contradict each other', () => {
    const file = tmpCsv('mixed.csv', [
      'Date,Time,Open,High,Low,Close,Volume',
      '13/03/2024,08:30,1,1,1,1,1',
      '03/14/2024,08:30,1,1,1,1,1',
    ]);
    expect(() => importFile(tmpStore(), file)).toThrow(/contradict/);
  });

  it('rejects a local time that does not exist (the hour skipped when clocks go forward)', () => {
    // Israel moved to summer time on Friday 2023-03-24 at 02:00, while Globex was open.
    const store = tmpStore();
    const file = tmpCsv('il.csv', [
      'Timestamp,Open,High,Low,Close,Volume',
      '24/03/2023 01:58:00,100,100,100,100,1',
      '24/03/2023 01:59:00,100,100,100,100,1',
      '24/03/2023 02:30:00,100,100,100,100,1',
      '24/03/2023 03:00:00,100,100,100,100,1',
      '24/03/2023 03:01:00,100,100,100,100,1',
    ]);
    const s = importFile(store, file, { tz: 'Asia/Jerusalem' });
    expect(s.quarantineByReason).toEqual({ NONEXISTENT_LOCAL_TIME: 1 });
    expect(store.quarantined(s.sha256)[0]?.line).toBe(4);
    expect(dump(store).map((r) => r[0])).toEqual([
      '2023-03-23T23:58:00.000Z',
      '2023-03-23T23:59:00.000Z',
      '2023-03-24T00:00:00.000Z',
      '2023-03-24T00:01:00.000Z',
    ]);
  });
});

describe('validation and quarantine', () => {
  it('quarantines each kind of bad row with its line and reason, and stores only good rows', () => {
    const store = tmpStore();
    const good = (m: number): string =>
      `2024-03-05 09:${String(30 + m).padStart(2, '0')}:00,18000.00,18001.00,17999.00,18000.50,10`;
    const file = tmpCsv('bad.csv', [
      'timestamp,open,high,low,close,volume',
      good(0), // line 2
      'garbage', // 3 UNPARSABLE
      '2024-03-05 09:32:00,abc,18001,17999,18000,10', // 4 NON_FINITE_PRICE
      '2024-03-05 09:33:00,-5,18001,17999,18000,10', // 5 NON_POSITIVE_PRICE
      '2024-03-05 09:34:00,18000.1,18001,17999,18000,10', // 6 OFF_TICK_GRID
      '2024-03-05 09:35:00,18000,17999,18001,18000,10', // 7 HIGH_LOW_INCONSISTENT
      '2024-03-05 09:36:00,18000,18001,17999,18000,-1', // 8 BAD_VOLUME
      '2024-03-05 09:37:00,18000,18001,17999,18000,1.5', // 9 BAD_VOLUME
      '2024-03-05 17:30:00,18000,18001,17999,18000,10', // 10 OUTSIDE_SESSION (halt)
      '2024-03-09 12:00:00,18000,18001,17999,18000,10', // 11 OUTSIDE_SESSION (Saturday)
      '2024-03-05 09:30:00,18000.00,18009.00,17999.00,18000.50,10', // 12 DUPLICATE_CONFLICT
      good(0), // 13 exact duplicate: counted, not quarantined
      '2024-03-05 09:38:30,18000,18001,17999,18000,10', // 14 MISALIGNED_TIME
      '2024-02-30 09:39:00,18000,18001,17999,18000,10', // 15 UNPARSABLE (no such date)
      good(10),
    ]);
    const s = importFile(store, file);
    expect(s).toMatchObject({ rowsRead: 15, imported: 2, duplicates: 1, quarantined: 12 });
    expect(s.quarantineByReason).toEqual({
      UNPARSABLE: 2,
      NON_FINITE_PRICE: 1,
      NON_POSITIVE_PRICE: 1,
      OFF_TICK_GRID: 1,
      HIGH_LOW_INCONSISTENT: 1,
      BAD_VOLUME: 2,
      MISALIGNED_TIME: 1,
      OUTSIDE_SESSION: 2,
      DUPLICATE_CONFLICT: 1,
    });
    const q = store.quarantined(s.sha256);
    expect(q.map((r) => [r.line, r.reason])).toEqual([
      [3, 'UNPARSABLE'],
      [4, 'NON_FINITE_PRICE'],
      [5, 'NON_POSITIVE_PRICE'],
      [6, 'OFF_TICK_GRID'],
      [7, 'HIGH_LOW_INCONSISTENT'],
      [8, 'BAD_VOLUME'],
      [9, 'BAD_VOLUME'],
      [10, 'OUTSIDE_SESSION'],
      [11, 'OUTSIDE_SESSION'],
      [12, 'DUPLICATE_CONFLICT'],
      [14, 'MISALIGNED_TIME'],
      [15, 'UNPARSABLE'],
    ]);
    expect(q[0]?.raw).toBe('garbage');
    expect(dump(store).map((r) => r[0])).toEqual([
      '2024-03-05T14:30:00.000Z',
      '2024-03-05T14:40:00.000Z',
    ]);
  });

  it('quarantines a spike far beyond the local median range', () => {
    const store = tmpStore();
    const lines = ['timestamp,open,high,low,close,volume'];
    for (let m = 0; m < 30; m++)
      lines.push(
        `2024-03-05 10:${String(m).padStart(2, '0')}:00,18000.00,18002.00,17999.00,18001.00,10`,
      );
    lines.push('2024-03-05 10:30:00,18000.00,19900.00,17999.00,18001.00,10');
    lines.push('2024-03-05 10:31:00,18000.00,18150.00,17990.00,18100.00,10'); // a big but real move stays
    const s = importFile(store, tmpCsv('spike.csv', lines));
    expect(s.quarantineByReason).toEqual({ SPIKE: 1 });
    expect(s.imported).toBe(31);
  });
});

describe('atomic and idempotent', () => {
  const lines = ['timestamp,open,high,low,close,volume'];
  for (let m = 0; m < 3000; m++) {
    const t = new Date(Date.UTC(2024, 2, 5, 14, 30) + m * 60_000);
    const et = new Date(t.getTime() - 5 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    lines.push(`${et},18000.00,18001.00,17999.00,18000.50,10`);
  }

  it('adds 0 rows when the same file is imported again', () => {
    const store = tmpStore();
    const file = tmpCsv('same.csv', lines);
    const a = importFile(store, file);
    const b = importFile(store, file);
    expect(a.imported).toBeGreaterThan(2000);
    expect(b).toMatchObject({ imported: 0, duplicates: a.imported, quarantined: a.quarantined });
    expect(store.counts().bars).toBe(a.imported);
  });

  it('leaves the store exactly as it was when cancelled mid-way', () => {
    const store = tmpStore();
    importFile(store, tmpCsv('first.csv', lines.slice(0, 100)));
    const before = JSON.stringify({ bars: dump(store), counts: store.counts() });
    let polls = 0;
    expect(() =>
      importFile(store, tmpCsv('second.csv', lines), { isCancelled: () => ++polls >= 2 }),
    ).toThrow(ImportCancelled);
    expect(polls).toBe(2);
    expect(JSON.stringify({ bars: dump(store), counts: store.counts() })).toBe(before);
  });

  it('reports scan and import progress up to the file size', () => {
    const store = tmpStore();
    const seen: string[] = [];
    let lastBytes = 0;
    let total = 0;
    importFile(store, tmpCsv('p.csv', lines), {
      onProgress: (p) => {
        seen.push(p.phase);
        lastBytes = p.bytes;
        total = p.totalBytes;
      },
    });
    expect(seen).toContain('import');
    expect(lastBytes).toBe(total);
  });
});
