import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySink, RotatingFileSink, createLogger, redact } from './logger';

describe('logger', () => {
  it('writes one JSON object per line with level, component and fields', () => {
    const sink = new MemorySink();
    const log = createLogger({ sinks: [sink], now: () => 0 }).child('feed');
    log.info('bar', { n: 3 });
    log.debug('hidden below info');
    expect(sink.lines).toHaveLength(1);
    expect(JSON.parse(sink.lines[0] as string)).toEqual({
      t: '1970-01-01T00:00:00.000Z',
      level: 'info',
      component: 'feed',
      msg: 'bar',
      n: 3,
    });
  });

  it('never writes secrets', () => {
    const sink = new MemorySink();
    createLogger({ sinks: [sink] }).warn('login', {
      user: 'u',
      password: 'hunter2',
      nested: { apiKey: 'k' },
      token: 't',
    });
    const line = sink.lines[0] as string;
    expect(line).not.toContain('hunter2');
    expect(JSON.parse(line)).toMatchObject({
      password: '[redacted]',
      token: '[redacted]',
      nested: { apiKey: '[redacted]' },
    });
    expect(redact({ a: new Error('x') })).toMatchObject({ a: { name: 'Error', message: 'x' } });
  });

  it('rotates the file by size and keeps at most `keep` old files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nqh-log-'));
    const sink = new RotatingFileSink(dir, 200, 2);
    const log = createLogger({ sinks: [sink] });
    for (let i = 0; i < 40; i++) log.info('line', { i });
    sink.close();
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['nqh.1.log', 'nqh.2.log', 'nqh.log']);
    const last = readFileSync(join(dir, 'nqh.log'), 'utf8').trim().split('\n');
    expect(JSON.parse(last[last.length - 1] as string).i).toBe(39);
    for (const f of files) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(200);
  });
});
