/**
 * The built `nqh` CLI as a user runs it: import, bars, data info, levels, features and
 * labels — and an import killed with SIGKILL mid-way, which must leave the store exactly
 * as it was.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness';

const CLI = join(ROOT, 'dist', 'cli', 'nqh.cjs');
const FR = join(ROOT, '..', 'shared', 'data', 'nq', 'firstrate-sample-2023-11');
const CT = join(ROOT, '..', 'shared', 'data', 'nq', 'ct-1m-2024-2025');

function nqh(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function snapshot(db: string): string {
  const d = new Database(db, { readonly: true });
  try {
    const q = (sql: string): unknown => d.prepare(sql).all();
    return JSON.stringify({
      bars: q('SELECT COUNT(*) n, SUM(time) t, SUM(close) c FROM bars'),
      imports: q('SELECT id, file, imported FROM imports ORDER BY id'),
      quarantine: q('SELECT COUNT(*) n FROM quarantine'),
      rolls: q('SELECT * FROM rolls'),
    });
  } finally {
    d.close();
  }
}

describe('nqh CLI', () => {
  it('prints its help', () => {
    const r = nqh(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/import <files…>/);
    expect(r.stdout).toMatch(/bars {6}Print bars/);
    // After a command as well (its strict flag parser would otherwise reject --help).
    const serve = nqh(['serve', '--help']);
    expect(serve.code).toBe(0);
    expect(serve.stdout).toBe(r.stdout);
    expect(nqh(['features', '-h']).stdout).toBe(r.stdout);
  });

  it.skipIf(!existsSync(FR))(
    'imports the FirstRate sample and prints bars equal to the vendor 5-minute file',
    () => {
      const db = join(mkdtempSync(join(tmpdir(), 'nqh-cli-')), 'market.sqlite');
      const imp = nqh(['import', '--db', db, '--json', join(FR, 'NQ_1min_sample.csv')]);
      expect(imp.code).toBe(0);
      const summary = JSON.parse(imp.stdout) as {
        imports: { imported: number; timeZone: string }[];
      };
      expect(summary.imports[0]).toMatchObject({ imported: 14_714, timeZone: 'America/New_York' });
      const bars = nqh(['bars', '--db', db, '--tf', '5m']);
      expect(bars.code).toBe(0);
      const ours = bars.stdout.trim().split('\n');
      const theirs = readFileSync(join(FR, 'NQ_5min_sample.csv'), 'utf8').trim().split('\n');
      expect(ours[0]).toBe('time,open,high,low,close,volume');
      expect(ours.length).toBe(theirs.length);
      for (let i = 1; i < ours.length; i++) {
        const a = (ours[i] as string).split(',');
        const b = (theirs[i] as string).split(',');
        expect(`${a[0]?.slice(0, 10)} ${a[0]?.slice(11, 19)}`).toBe(b[0]);
        expect(a.slice(1).map(Number)).toEqual(b.slice(1).map(Number));
      }
      const again = JSON.parse(
        nqh(['import', '--db', db, '--json', join(FR, 'NQ_1min_sample.csv')]).stdout,
      ) as { imports: { imported: number }[] };
      expect(again.imports[0]?.imported).toBe(0);
      const info = nqh(['data', 'info', '--db', db]);
      expect(info.stdout).toMatch(/NQ 1m: 14714 bars/);
    },
  );

  it.skipIf(!existsSync(CT))(
    'prints levels, features (the same with one thread and with a level worker) and labels',
    () => {
      const db = join(mkdtempSync(join(tmpdir(), 'nqh-cli-')), 'market.sqlite');
      const files = ['01', '02', '03'].map((m) => join(CT, `nq-2024-${m}.1m.csv`));
      expect(nqh(['import', '--db', db, ...files]).code).toBe(0);
      const levels = nqh(['levels', '--db', db, '--tf', '5m', '--from', '2024-03-01']);
      expect(levels.code).toBe(0);
      const lines = levels.stdout.trim().split('\n');
      expect(lines[0]).toBe(
        'time,vwap_h,vwap_d,vwap_d_sd,vwap_w,vwap_m,poc_d,vah_d,val_d,poc_w,vah_w,val_w,tpo_poc,tpo_vah,tpo_val,ib_high,ib_low',
      );
      // --from is an instant (a bare date: 00:00 UTC); times print on the New York clock.
      expect(lines[1]).toMatch(/^2024-02-29T19:00:00-05:00,\d/);
      expect(lines.length).toBeGreaterThan(4_000);
      // Real prices across the 2024-03-12 roll (levels are computed on the causally adjusted
      // series and printed back in each row's contract): the hour VWAP lies inside the range
      // the hour's real 5-minute bars have covered so far.
      const bars5 = nqh(['bars', '--db', db, '--tf', '5m', '--from', '2024-03-01']);
      const hour = new Map<string, [number, number]>();
      const rangeAt = new Map<string, [number, number]>();
      for (const line of bars5.stdout.trim().split('\n').slice(1)) {
        const [time, , high, low] = line.split(',') as [string, string, string, string];
        const key = time.slice(0, 13);
        const [lo, hi] = hour.get(key) ?? [Infinity, -Infinity];
        const r: [number, number] = [Math.min(lo, Number(low)), Math.max(hi, Number(high))];
        hour.set(key, r);
        rangeAt.set(time, r);
      }
      let checked = 0;
      for (const line of lines.slice(1)) {
        const [time, vwapH] = line.split(',') as [string, string];
        const r = rangeAt.get(time);
        if (r === undefined || vwapH === '') continue;
        checked++;
        if (!(Number(vwapH) >= r[0] && Number(vwapH) <= r[1]))
          throw new Error(`${time}: vwap_h ${vwapH} outside the hour's range ${r.join('..')}`);
      }
      expect(checked).toBeGreaterThan(4_000);
      // JSON over one trade date (--from/--to are instants): the same rows as the CSV, null
      // where the CSV is empty; the initial balance only once periods A and B are over.
      const day = ['--from', '2024-03-05T23:00:00Z', '--to', '2024-03-06T22:00:00Z'];
      const json = nqh(['levels', '--db', db, '--tf', '5m', '--format', 'json', ...day]);
      expect(json.code).toBe(0);
      const rows = JSON.parse(json.stdout) as Record<string, string | number | null>[];
      const csv = nqh(['levels', '--db', db, '--tf', '5m', ...day])
        .stdout.trim()
        .split('\n');
      expect(rows.length).toBe(csv.length - 1);
      expect(rows.length).toBeGreaterThan(250);
      rows.forEach((row, k) => {
        const [time, ...cells] = (csv[k + 1] as string).split(',');
        const [jsonTime, ...values] = Object.values(row);
        expect(jsonTime).toBe(time);
        // The CSV rounds to 1e-6; JSON keeps every digit.
        values.forEach((v, j) => {
          if (v === null) expect(cells[j]).toBe('');
          else expect(Math.abs((v as number) - Number(cells[j]))).toBeLessThanOrEqual(5e-7);
        });
      });
      const ib = (time: string) => rows.find((r) => r.time === time)?.ib_high;
      expect(ib('2024-03-06T10:20:00-05:00')).toBeNull(); // period B still open
      expect(typeof ib('2024-03-06T10:25:00-05:00')).toBe('number'); // its last minute closed
      const bad = nqh(['levels', '--db', db, '--format', 'xml']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--format must be csv or json, got "xml"/);
      const two = nqh(['features', '--db', db, '--tf', '5m']);
      const one = nqh(['features', '--db', db, '--tf', '5m', '--threads', '1']);
      expect([two.code, one.code]).toEqual([0, 0]);
      expect(two.stdout.startsWith('time,warmup,pa.ret_1,')).toBe(true);
      expect(two.stdout.split('\n').length).toBeGreaterThan(14_000);
      expect(two.stdout === one.stdout).toBe(true);
      // The level worker's bars cross in shared memory: no buffer of this thread is
      // detached (moved), which would make V8 guard every typed-array access of the process
      // from then on (~10% on the feature pass). The control shows the trace names a detach.
      const traced = (args: string[]) =>
        spawnSync(process.execPath, ['--trace-protector-invalidation', ...args], {
          encoding: 'utf8',
        });
      const control = traced([
        '-e',
        'const a = new ArrayBuffer(8); structuredClone(a, { transfer: [a] });',
      ]);
      expect(control.stdout).toMatch(/ArrayBufferDetaching/);
      const out = join(mkdtempSync(join(tmpdir(), 'nqh-cli-')), 'features.csv');
      const run = traced([CLI, 'features', '--db', db, '--tf', '5m', '--out', out]);
      expect(run.status).toBe(0);
      expect(readFileSync(out, 'utf8') === two.stdout).toBe(true);
      expect(run.stdout + run.stderr).not.toMatch(/ArrayBufferDetaching/);
      expect(nqh(['features', '--db', db, '--tf', '5m', '--threads', '3']).stderr).toMatch(
        /--threads takes 1 or 2/,
      );
      const labels = nqh(['labels', '--db', db, '--tf', '5m', '--from', '2024-03-28']);
      expect(labels.code).toBe(0);
      expect(labels.stdout.split('\n')[0]).toMatch(/^time,label,entry,stop_distance,/);
    },
  );

  it('leaves the store exactly as it was when the import process is killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nqh-kill-'));
    const db = join(dir, 'market.sqlite');
    // A small first import, then a large one killed mid-way.
    const header = 'timestamp,open,high,low,close,volume';
    const lines = (n: number, startMs: number): string[] => {
      const out = [header];
      let t = startMs;
      for (let i = 0; i < n; i++) {
        const et = new Date(t - 5 * 3600_000);
        if (
          et.getUTCDay() !== 6 &&
          !(et.getUTCDay() === 5 && et.getUTCHours() >= 17) &&
          !(et.getUTCDay() === 0 && et.getUTCHours() < 18) &&
          et.getUTCHours() !== 17
        ) {
          out.push(
            `${et.toISOString().slice(0, 19).replace('T', ' ')},18000.00,18001.00,17999.00,18000.50,10`,
          );
        }
        t += 60_000;
      }
      return out;
    };
    writeFileSync(join(dir, 'small.csv'), `${lines(500, Date.UTC(2024, 0, 9, 15)).join('\n')}\n`);
    writeFileSync(
      join(dir, 'big.csv'),
      `${lines(700_000, Date.UTC(2024, 0, 16, 15)).join('\n')}\n`,
    );
    expect(nqh(['import', '--db', db, join(dir, 'small.csv')]).code).toBe(0);
    const before = snapshot(db);

    const child = spawn(process.execPath, [CLI, 'import', '--db', db, join(dir, 'big.csv')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
        // Kill once the import pass (inside the transaction) is a quarter done.
        if (/import .*: 25%/.test(err)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', () =>
        reject(new Error(`import ended before it could be killed:\n${err}`)),
      );
    });
    await new Promise((r) => child.once('exit', r));
    expect(child.signalCode).toBe('SIGKILL');
    expect(snapshot(db)).toBe(before);
    // The store is still usable: the same import now completes.
    expect(nqh(['import', '--db', db, join(dir, 'big.csv')]).code).toBe(0);
    expect(snapshot(db)).not.toBe(before);
  });
});
