/**
 * Helpers for the IB feed tests: waiting on real socket I/O while a ManualClock stands still,
 * and checking recorded request times against IB's pacing rules independently of the
 * governor under test.
 */
import { ManualClock, type Dispose } from '../../../engine/clock';
import type { HistoricalRequest } from './tws-simulator';

/**
 * A ManualClock that also knows when its next timer is due, so a test can stop the clock at
 * each due instant and let socket I/O finish before time moves on: a request a timer sends
 * then reaches the simulator at the clock time it was sent.
 */
export class SteppingClock extends ManualClock {
  private readonly due = new Set<{ readonly at: number }>();

  override at(at: number, fn: () => void): Dispose {
    const entry = { at };
    this.due.add(entry);
    const cancel = super.at(at, () => {
      this.due.delete(entry);
      fn();
    });
    return () => {
      this.due.delete(entry);
      cancel();
    };
  }

  /** The earliest pending timer, or undefined. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const e of this.due) if (next === undefined || e.at < next) next = e.at;
    return next;
  }
}

/** Lets pending socket I/O and promise callbacks run (a few real milliseconds). */
export function settle(ms = 2): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until it holds; throws with `what` after `timeoutMs` of real time. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 3_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(1);
  }
}

/** A rule broken by a sequence of historical requests. */
export interface PacingBreach {
  readonly rule: 'identical' | 'window' | 'contract';
  readonly first: number;
  readonly last: number;
}

/**
 * Breaches of IB's historical pacing rules in `requests`: an identical request within
 * `identicalMs`, more than `windowMax` in any `windowMs`, more than `contractMax` for one
 * contract in any `contractMs`.
 */
export function pacingBreaches(
  requests: readonly HistoricalRequest[],
  limits = {
    identicalMs: 15_000,
    windowMs: 600_000,
    windowMax: 60,
    contractMs: 2_000,
    contractMax: 6,
  },
): PacingBreach[] {
  const out: PacingBreach[] = [];
  const times = requests.map((r) => r.at);
  for (let i = 0; i + limits.windowMax < times.length; i++) {
    const first = times[i] as number;
    const last = times[i + limits.windowMax] as number;
    if (last - first < limits.windowMs) out.push({ rule: 'window', first, last });
  }
  const byContract = new Map<number, number[]>();
  const lastByKey = new Map<string, number>();
  for (const r of requests) {
    const key = `${r.conId}|${r.endDateTime}|${r.duration}|${r.barSize}|${r.whatToShow}|${r.useRth}`;
    const previous = lastByKey.get(key);
    if (previous !== undefined && r.at - previous < limits.identicalMs) {
      out.push({ rule: 'identical', first: previous, last: r.at });
    }
    lastByKey.set(key, r.at);
    const list = byContract.get(r.conId) ?? [];
    list.push(r.at);
    byContract.set(r.conId, list);
  }
  for (const list of byContract.values()) {
    for (let i = 0; i + limits.contractMax < list.length; i++) {
      const first = list[i] as number;
      const last = list[i + limits.contractMax] as number;
      if (last - first < limits.contractMs) out.push({ rule: 'contract', first, last });
    }
  }
  return out;
}
