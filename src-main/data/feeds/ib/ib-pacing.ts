/**
 * Pacing governor for IB historical-data requests. IB answers a request that breaks its
 * pacing rules with error 162 ("Historical data request pacing violation") and, when it
 * happens repeatedly, disconnects the client, so requests are held back before they leave:
 *
 * - no identical request (same contract, end, duration, bar size, data type) within 15 s;
 * - at most 60 requests in any 10-minute window;
 * - at most 6 requests for the same contract within 2 s (set `contractWindowMax` to
 *   Infinity to disable).
 *
 * Requests go out in FIFO order and are delayed, never dropped; a small margin is added to
 * each rule. A request rejected with a `PacingViolationError` (IB still said 162, e.g. after
 * a reconnect or because another client shares the account) pauses the whole queue with
 * exponential backoff (15 s, doubling, at most 10 min); it is then retried first and alone,
 * and the queue moves on once it succeeds. Time comes from an injected Clock, so tests drive
 * it with a ManualClock.
 */
import type { Clock, Dispose } from '../../../engine/clock';

/** The limits, in milliseconds and request counts. */
export interface PacingLimits {
  readonly identicalGapMs: number;
  readonly windowMs: number;
  readonly windowMax: number;
  readonly contractWindowMs: number;
  readonly contractWindowMax: number;
  /** First pause after a 162; doubled for each consecutive one, up to `backoffMaxMs`. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /**
   * Added to every time rule: IB times requests on arrival, so network jitter can bring two
   * requests closer together than they were sent.
   */
  readonly marginMs: number;
}

/** IB's documented historical-data limits. */
export const IB_PACING_LIMITS: PacingLimits = {
  identicalGapMs: 15_000,
  windowMs: 600_000,
  windowMax: 60,
  contractWindowMs: 2_000,
  contractWindowMax: 6,
  backoffBaseMs: 15_000,
  backoffMaxMs: 600_000,
  marginMs: 250,
};

/** Identity of a request for the pacing rules. */
export interface PacedRequest {
  /** Everything that makes two requests identical in IB's eyes. */
  readonly key: string;
  /** The contract (conId), for the per-contract rule. */
  readonly contract: string;
}

/** IB rejected a request with error 162 for pacing: the governor backs off and retries. */
export class PacingViolationError extends Error {
  override readonly name = 'PacingViolationError';
}

interface Queued {
  readonly request: PacedRequest;
  readonly send: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Sent {
  readonly at: number;
  readonly key: string;
  readonly contract: string;
}

/** Queues historical requests and sends each when IB's pacing rules allow it. */
export class IbPacing {
  readonly limits: PacingLimits;
  private readonly queue: Queued[] = [];
  /** Requests sent within the longest rule's horizon, oldest first. */
  private sent: Sent[] = [];
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private violations = 0;
  /** Requests launched so far, and how many had been launched at the last 162. */
  private launches = 0;
  private violationSeq = 0;
  private probing = false;
  private timer: { at: number; cancel: Dispose } | undefined;
  private disposed = false;

  constructor(
    private readonly clock: Clock,
    limits: Partial<PacingLimits> = {},
  ) {
    this.limits = { ...IB_PACING_LIMITS, ...limits };
    for (const [name, value] of Object.entries(this.limits)) {
      // Counts below 1 would hold every request forever.
      const min = name.endsWith('Max') ? 1 : 0;
      if (!(value >= min))
        throw new RangeError(`pacing limit ${name} must be ≥ ${min}, got ${value}`);
    }
  }

  /** Requests waiting for their turn (not counting ones already sent). */
  get pending(): number {
    return this.queue.length;
  }

  /** Consecutive 162s since the last accepted request. */
  get consecutiveViolations(): number {
    return this.violations;
  }

  /**
   * Runs `send` as soon as the limits allow and settles with its result. A rejection with
   * `PacingViolationError` is retried after a backoff; any other rejection is passed on.
   */
  run<T>(request: PacedRequest, send: () => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new Error('pacing governor disposed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ request, send, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /** The earliest instant at which `request` could be sent, given what was sent so far. */
  earliestStart(request: PacedRequest): number {
    const l = this.limits;
    let at = Math.max(this.clock.now(), this.pausedUntil);
    let inWindow = 0;
    let forContract = 0;
    // Walk newest first: the n-th most recent send bounds when the next may go.
    for (let i = this.sent.length - 1; i >= 0; i--) {
      const s = this.sent[i] as Sent;
      if (s.key === request.key) at = Math.max(at, s.at + l.identicalGapMs + l.marginMs);
      inWindow++;
      if (inWindow === l.windowMax) at = Math.max(at, s.at + l.windowMs + l.marginMs);
      if (s.contract === request.contract) {
        forContract++;
        if (forContract === l.contractWindowMax) {
          at = Math.max(at, s.at + l.contractWindowMs + l.marginMs);
        }
      }
    }
    return at;
  }

  /** Rejects every queued request (e.g. the connection they were meant for is gone). */
  clear(reason: Error): void {
    const dropped = this.queue.splice(0);
    this.disarm();
    for (const q of dropped) q.reject(reason);
  }

  /** Clears the queue and refuses further requests. */
  dispose(): void {
    this.clear(new Error('pacing governor disposed'));
    this.disposed = true;
  }

  private pump(): void {
    for (;;) {
      const head = this.queue[0];
      if (!head) return this.disarm();
      if (this.probing) return;
      const at = this.earliestStart(head.request);
      if (at > this.clock.now()) return this.arm(at);
      this.queue.shift();
      this.launch(head);
    }
  }

  private launch(q: Queued): void {
    const now = this.clock.now();
    const seq = ++this.launches;
    // After a 162 one request probes alone; the rest wait for its answer.
    const probe = this.violations > 0;
    if (probe) this.probing = true;
    this.record({ at: now, key: q.request.key, contract: q.request.contract });
    let result: Promise<unknown>;
    try {
      result = q.send();
    } catch (e) {
      result = Promise.reject(e);
    }
    result.then(
      (value) => {
        // Only a request sent after the last 162 proves the pause was long enough.
        if (seq > this.violationSeq) this.violations = 0;
        if (probe) this.probing = false;
        q.resolve(value);
        this.pump();
      },
      (error: unknown) => {
        if (probe) this.probing = false;
        if (!(error instanceof PacingViolationError) || this.disposed) {
          q.reject(error);
          return this.pump();
        }
        // Requests already in flight when the pause began are retried without escalating.
        if (seq > this.violationSeq) {
          this.violations++;
          this.violationSeq = this.launches;
          const l = this.limits;
          const pause = Math.min(l.backoffBaseMs * 2 ** (this.violations - 1), l.backoffMaxMs);
          this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + pause);
        }
        // The retry goes first so the caller's order is kept.
        this.queue.unshift(q);
        this.pump();
      },
    );
  }

  private record(s: Sent): void {
    const l = this.limits;
    const horizon = Math.max(l.identicalGapMs, l.windowMs, l.contractWindowMs);
    let drop = 0;
    while (drop < this.sent.length && (this.sent[drop] as Sent).at <= s.at - horizon) drop++;
    if (drop > 0) this.sent = this.sent.slice(drop);
    this.sent.push(s);
  }

  private arm(at: number): void {
    if (this.timer && this.timer.at === at) return;
    this.disarm();
    const cancel = this.clock.at(at, () => {
      this.timer = undefined;
      this.pump();
    });
    this.timer = { at, cancel };
  }

  private disarm(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }
}
