/**
 * The trading state (ACTIVE / REDUCING / HALTED) and the kill switch. The state is written
 * to the journal (synchronous=FULL) before anyone is told, so a HALTED state survives a
 * crash or restart; only a person re-arms, with an explicit confirmation checked at the
 * IPC boundary. Later issues hang cancel-all and flatten on `onKill` actions.
 */
import type { UtcMs } from '@shared/domain/brand';
import type { TradingStatus } from '@shared/contracts/events';
import type { StateChangeSource, TradingState } from '@shared/domain/trading-state';
import type { SqliteDatabase } from '../data/database';
import type { MessageBus } from '../engine/bus';
import type { Clock } from '../engine/clock';
import type { Logger } from '../engine/logger';

/** An action run by the kill switch after the state is HALTED (cancel-all, flatten). */
export type KillAction = (reason: string) => Promise<void> | void;

export class TradingStateService {
  private status: TradingStatus;
  private readonly killActions: KillAction[] = [];

  constructor(
    private readonly db: SqliteDatabase,
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    const row = db
      .prepare(
        'SELECT state, reason, source, changed_at AS changedAt FROM trading_state WHERE id = 1',
      )
      .get() as TradingStatus | undefined;
    this.status = row ?? {
      state: 'ACTIVE',
      reason: 'initial state',
      source: 'engine',
      changedAt: clock.now(),
    };
    if (!row) this.persist(this.status, 'ACTIVE');
    log.info('trading state loaded', { state: this.status.state, reason: this.status.reason });
  }

  /** The current state. */
  get(): TradingStatus {
    return this.status;
  }

  /** Registers an action the kill switch runs after halting; returns its remover. */
  onKill(action: KillAction): () => void {
    this.killActions.push(action);
    return () => {
      const i = this.killActions.indexOf(action);
      if (i >= 0) this.killActions.splice(i, 1);
    };
  }

  /** The kill switch: HALTED first and persisted, then every kill action. */
  async killSwitch(source: StateChangeSource, reason = 'kill switch'): Promise<TradingStatus> {
    this.set('HALTED', reason, source);
    for (const action of this.killActions) {
      try {
        await action(reason);
      } catch (e) {
        // The state is already HALTED; a failing action is logged loudly, never swallowed silently.
        this.log.error('kill action failed', { error: e });
      }
    }
    return this.status;
  }

  /** Re-arms trading (a person's decision; the caller has checked the confirmation). */
  rearm(source: StateChangeSource): TradingStatus {
    return this.set('ACTIVE', 're-armed by a person', source);
  }

  /** Moves to `to`, persists, and publishes the change. Idempotent for the same state. */
  set(to: TradingState, reason: string, source: StateChangeSource): TradingStatus {
    const from = this.status.state;
    const at = this.clock.now() as UtcMs;
    const next: TradingStatus = { state: to, reason, source, changedAt: at };
    this.persist(next, from);
    this.status = next;
    this.log.warn('trading state changed', { from, to, reason, source });
    this.bus.publish('risk.tradingState', { from, to, reason, source, at });
    return next;
  }

  private persist(s: TradingStatus, from: TradingState): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO trading_state (id, state, reason, source, changed_at) VALUES (1, @state, @reason, @source, @changedAt)
           ON CONFLICT(id) DO UPDATE SET state = excluded.state, reason = excluded.reason,
             source = excluded.source, changed_at = excluded.changed_at`,
        )
        .run(s);
      this.db
        .prepare(
          'INSERT INTO trading_state_log (at, from_state, to_state, reason, source) VALUES (?, ?, ?, ?, ?)',
        )
        .run(s.changedAt, from, s.state, s.reason, s.source);
    })();
  }
}
