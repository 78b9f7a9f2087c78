import { beforeEach, describe, expect, it } from 'vitest';
import type { DataInfo } from '@shared/contracts/ipc';
import type { ImportDoneEvent } from '@shared/contracts/events';
import { fromNyInput, toNyInput } from '../format';
import { otherActiveJob, useData } from './data-store';

const SHA = 'a'.repeat(64);
const summary = (file: string, imported: number) => ({
  file,
  importId: 1,
  format: 'firstrate',
  timeZone: 'America/New_York',
  zoneSource: 'vendor-default',
  zoneNote: '',
  zoneScores: [],
  dateOrder: 'ymd',
  dateOrderSource: 'unambiguous',
  timeframe: 1,
  volumeAbsent: false,
  rowsRead: imported,
  imported,
  duplicates: 0,
  quarantined: 0,
  quarantineByReason: {},
  firstBarUtc: null,
  lastBarUtc: null,
  rollsDetected: 0,
  sha256: SHA,
  seconds: 0.1,
});

function addReady(name: string): string {
  return useData.getState().addFile({ name, size: 10, id: `id-${name}-12345`, status: 'ready' });
}

const byKey = (key: string) => useData.getState().files.find((f) => f.key === key);

describe('data store', () => {
  beforeEach(() => {
    useData.setState({ files: [], job: null, finishedJobs: [], info: null, replayFrom: '' });
  });

  it('routes progress and results to files by their place in the job, even with equal names', () => {
    const a = addReady('day.csv');
    const b = addReady('day.csv');
    const s = useData.getState();
    s.jobStarted({ jobId: 'job1', keys: [a, b] });
    s.applyProgress({
      jobId: 'job1',
      file: 'day.csv',
      fileIndex: 1,
      fileCount: 2,
      phase: 'import',
      fraction: 0.5,
      rows: 10,
    });
    expect(byKey(a)?.status).toBe('queued');
    expect(byKey(b)?.status).toBe('importing');
    expect(byKey(b)?.progress?.fraction).toBe(0.5);

    s.applyDone({
      jobId: 'job1',
      cancelled: false,
      results: [
        { file: 'day.csv', ok: true, summary: summary('day.csv', 5), error: null },
        {
          file: 'day.csv',
          ok: false,
          summary: null,
          error: { name: 'ImportNeedsInput', message: 'give a zone', needs: 'tz' },
        },
      ],
    });
    expect(byKey(a)?.status).toBe('imported');
    expect(byKey(a)?.summary?.imported).toBe(5);
    expect(byKey(b)?.status).toBe('failed');
    expect(byKey(b)?.error?.needs).toBe('tz');
    expect(useData.getState().job).toBeNull();
  });

  it('after a cancel marks the cancelled file and returns the files never reached to ready', () => {
    const a = addReady('a.csv');
    const b = addReady('b.csv');
    useData.getState().jobStarted({ jobId: 'job2', keys: [a, b] });
    useData.getState().applyDone({
      jobId: 'job2',
      cancelled: true,
      results: [
        {
          file: 'a.csv',
          ok: false,
          summary: null,
          error: { name: 'ImportCancelled', message: 'nothing was stored', needs: null },
        },
      ],
    });
    expect(byKey(a)?.status).toBe('cancelled');
    expect(byKey(b)?.status).toBe('ready');
    expect(useData.getState().lastOutcome).toBe('cancelled');
  });

  it('applies a done event that arrived before the job was registered', () => {
    const a = addReady('a.csv');
    const done: ImportDoneEvent = {
      jobId: 'early',
      cancelled: false,
      results: [{ file: 'a.csv', ok: true, summary: summary('a.csv', 3), error: null }],
    };
    useData.getState().applyDone(done);
    expect(byKey(a)?.status).toBe('ready');
    useData.getState().jobStarted({ jobId: 'early', keys: [a] });
    expect(byKey(a)?.status).toBe('imported');
  });

  it('flags a summary main sent in another shape instead of showing it', () => {
    const a = addReady('a.csv');
    useData.getState().jobStarted({ jobId: 'job3', keys: [a] });
    useData.getState().applyDone({
      jobId: 'job3',
      cancelled: false,
      results: [{ file: 'a.csv', ok: true, summary: { file: 'a.csv' }, error: null }],
    });
    expect(byKey(a)?.status).toBe('failed');
    expect(byKey(a)?.error?.name).toBe('SummaryUnreadable');
  });

  it("treats main's active job as finished once its result has arrived", () => {
    const info: DataInfo = {
      bars: 0,
      imports: 0,
      quarantined: 0,
      series: [],
      rolls: [],
      recentImports: [],
      activeJob: 'job4',
    };
    useData.getState().setInfo(info);
    expect(otherActiveJob(useData.getState())).toBe('job4');
    useData.getState().applyDone({ jobId: 'job4', cancelled: false, results: [] });
    expect(otherActiveJob(useData.getState())).toBeNull();
  });

  it('starts the replay form at the first stored 1-minute bar, in New York time', () => {
    const first = Date.parse('2024-03-05T14:30:00Z');
    useData.getState().setInfo({
      bars: 1,
      imports: 1,
      quarantined: 0,
      series: [
        { symbol: 'NQ', timeframe: 5, bars: 1, first: 0, last: 0, volumeAbsent: false },
        { symbol: 'NQ', timeframe: 1, bars: 1, first, last: first, volumeAbsent: false },
      ],
      rolls: [],
      recentImports: [],
      activeJob: null,
    });
    expect(useData.getState().replayFrom).toBe('2024-03-05T09:30');
  });
});

describe('New York date-time inputs', () => {
  it('round-trip on both sides of the March daylight-saving change', () => {
    for (const iso of ['2024-03-08T14:30:00Z', '2024-03-11T13:30:00Z']) {
      const t = Date.parse(iso);
      expect(fromNyInput(toNyInput(t))).toBe(t);
    }
    expect(toNyInput(Date.parse('2024-03-11T13:30:00Z'))).toBe('2024-03-11T09:30');
    expect(fromNyInput('')).toBeNull();
  });
});
