import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock } from '../../../engine/clock';
import { IbPacing, PacingViolationError, type PacedRequest } from './ib-pacing';

const T0 = Date.UTC(2024, 2, 5, 15, 0);
const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** A governor whose sends record the clock time they were made at. */
function harness(limits = {}) {
  const clock = new ManualClock(T0);
  // Exact IB limits; the safety margin has its own test.
  const pacing = new IbPacing(clock, { marginMs: 0, ...limits });
  const sent: { key: string; at: number }[] = [];
  const run = (req: PacedRequest, result: () => Promise<string> = () => Promise.resolve(req.key)) =>
    pacing.run(req, () => {
      sent.push({ key: req.key, at: clock.now() });
      return result();
    });
  return { clock, pacing, sent, run };
}

const req = (key: string, contract = 'NQ'): PacedRequest => ({ key, contract });

describe('IB historical pacing governor', () => {
  it('sends distinct requests at once while under every limit', async () => {
    const { run, sent } = harness();
    const results = await Promise.all([run(req('a')), run(req('b')), run(req('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(sent.map((s) => s.at - T0)).toEqual([0, 0, 0]);
  });

  it('delays an identical request until 15 s after the first', async () => {
    const { clock, run, sent } = harness();
    const first = run(req('same'));
    const second = run(req('same'));
    expect(sent).toHaveLength(1);
    clock.advanceTo(T0 + 14_999);
    expect(sent).toHaveLength(1);
    clock.advanceTo(T0 + 15_000);
    expect(sent.map((s) => s.at - T0)).toEqual([0, 15_000]);
    await expect(Promise.all([first, second])).resolves.toEqual(['same', 'same']);
  });

  it('holds the 61st request in 10 minutes until the first leaves the window', () => {
    const { clock, run, sent } = harness();
    // One contract per request, so only the 10-minute rule applies.
    for (let i = 0; i < 61; i++) void run(req(`r${i}`, `c${i}`));
    expect(sent).toHaveLength(60);
    clock.advanceTo(T0 + 599_999);
    expect(sent).toHaveLength(60);
    clock.advanceTo(T0 + 600_000);
    expect(sent).toHaveLength(61);
    expect(sent[60]?.at).toBe(T0 + 600_000);
  });

  it('sends at most 6 requests for one contract in any 2 s', () => {
    const { clock, run, sent } = harness();
    for (let i = 0; i < 13; i++) void run(req(`r${i}`));
    expect(sent).toHaveLength(6);
    clock.advanceTo(T0 + 10_000);
    expect(sent.map((s) => s.at - T0)).toEqual([
      0, 0, 0, 0, 0, 0, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000, 4_000,
    ]);
  });

  it('backs off after error 162, doubling per repeat, and retries alone before releasing the queue', async () => {
    const { clock, pacing, run, sent } = harness();
    let failures = 2;
    const flaky = () =>
      failures-- > 0
        ? Promise.reject(new PacingViolationError('pacing violation'))
        : Promise.resolve('ok');
    const first = run(req('a'), flaky);
    const second = run(req('b'));
    expect(sent.map((s) => s.key)).toEqual(['a', 'b']);
    await flush();
    expect(pacing.consecutiveViolations).toBe(1);
    const c = run(req('c'));
    clock.advanceTo(T0 + 14_999);
    expect(sent).toHaveLength(2);
    clock.advanceTo(T0 + 15_000);
    expect(sent.map((s) => s.key)).toEqual(['a', 'b', 'a']);
    await flush();
    // Second violation: 30 s from the retry. 'c' waits until the probing retry succeeds.
    clock.advanceTo(T0 + 44_999);
    expect(sent).toHaveLength(3);
    clock.advanceTo(T0 + 45_000);
    expect(sent.map((s) => s.key)).toEqual(['a', 'b', 'a', 'a']);
    await flush();
    expect(sent.map((s) => `${s.key}@${s.at - T0}`)).toEqual([
      'a@0',
      'b@0',
      'a@15000',
      'a@45000',
      'c@45000',
    ]);
    await expect(first).resolves.toBe('ok');
    await expect(second).resolves.toBe('b');
    await expect(c).resolves.toBe('c');
    expect(pacing.consecutiveViolations).toBe(0);
  });

  it('adds the safety margin to every time rule by default', () => {
    const clock = new ManualClock(T0);
    const pacing = new IbPacing(clock);
    const sent: number[] = [];
    const send = () => {
      sent.push(clock.now() - T0);
      return Promise.resolve();
    };
    void pacing.run(req('a'), send);
    void pacing.run(req('a'), send);
    clock.advanceTo(T0 + 15_000);
    expect(sent).toEqual([0]);
    clock.advanceTo(T0 + 15_000 + pacing.limits.marginMs);
    expect(sent).toEqual([0, 15_250]);
  });

  it('passes other errors through without retrying', async () => {
    const { run, sent } = harness();
    await expect(run(req('x'), () => Promise.reject(new Error('IB error 200')))).rejects.toThrow(
      'IB error 200',
    );
    expect(sent).toHaveLength(1);
  });

  it('rejects queued requests on clear and sends nothing more', async () => {
    const { clock, pacing, run, sent } = harness();
    void run(req('a'));
    const queued = run(req('a'));
    pacing.clear(new Error('connection lost'));
    await expect(queued).rejects.toThrow('connection lost');
    clock.advanceTo(T0 + 60_000);
    expect(sent).toHaveLength(1);
    expect(pacing.pending).toBe(0);
  });

  it('never drops a request and never breaks a limit, whatever the arrival pattern', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            gap: fc.integer({ min: 0, max: 20_000 }),
            key: fc.integer({ min: 0, max: 5 }),
            contract: fc.integer({ min: 0, max: 2 }),
          }),
          { minLength: 1, maxLength: 90 },
        ),
        async (arrivals) => {
          const limits = { windowMax: 10, windowMs: 60_000 };
          const { clock, run, sent } = harness(limits);
          const all: Promise<string>[] = [];
          let t = T0;
          for (const a of arrivals) {
            t += a.gap;
            clock.advanceTo(t);
            all.push(run(req(`k${a.key}|c${a.contract}`, `c${a.contract}`)));
          }
          clock.advanceTo(t + 24 * 3_600_000);
          await Promise.all(all);
          expect(sent).toHaveLength(arrivals.length);
          const times = sent.map((s) => s.at);
          for (let i = 0; i + 10 < times.length; i++) {
            expect((times[i + 10] as number) - (times[i] as number)).toBeGreaterThanOrEqual(60_000);
          }
          const lastByKey = new Map<string, number>();
          for (const s of sent) {
            const prev = lastByKey.get(s.key);
            if (prev !== undefined) expect(s.at - prev).toBeGreaterThanOrEqual(15_000);
            lastByKey.set(s.key, s.at);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
