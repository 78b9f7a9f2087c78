import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../data/journal-db';
import { MessageBus, type TradingStateChanged } from '../engine/bus';
import { ManualClock } from '../engine/clock';
import { MemorySink, createLogger } from '../engine/logger';
import { TradingStateService } from './trading-state';

function setup(path: string) {
  const db = openJournal(path);
  const bus = new MessageBus();
  const events: TradingStateChanged[] = [];
  bus.subscribe('risk.tradingState', (e) => events.push(e));
  const svc = new TradingStateService(
    db,
    bus,
    new ManualClock(1_700_000_000_000),
    createLogger({ sinks: [new MemorySink()] }),
  );
  return { db, svc, events };
}

describe('trading state and kill switch', () => {
  it('starts ACTIVE on a fresh journal', () => {
    const { svc, db } = setup(join(mkdtempSync(join(tmpdir(), 'nqh-ts-')), 'journal.sqlite'));
    expect(svc.get().state).toBe('ACTIVE');
    db.close();
  });

  it('halts on the kill switch, publishes the change, and stays HALTED after a restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nqh-ts-')), 'journal.sqlite');
    const first = setup(path);
    const status = await first.svc.killSwitch('button');
    expect(status.state).toBe('HALTED');
    expect(first.events).toEqual([
      expect.objectContaining({ from: 'ACTIVE', to: 'HALTED', source: 'button' }),
    ]);
    first.db.close();

    const second = setup(path);
    expect(second.svc.get()).toMatchObject({
      state: 'HALTED',
      source: 'button',
      reason: 'kill switch',
    });
    second.svc.rearm('button');
    expect(second.svc.get().state).toBe('ACTIVE');
    const log = second.db
      .prepare('SELECT from_state, to_state FROM trading_state_log ORDER BY seq')
      .all();
    expect(log).toEqual([
      { from_state: 'ACTIVE', to_state: 'ACTIVE' },
      { from_state: 'ACTIVE', to_state: 'HALTED' },
      { from_state: 'HALTED', to_state: 'ACTIVE' },
    ]);
    second.db.close();
  });

  it('runs kill actions after halting, and stays HALTED when one fails', async () => {
    const { svc, db } = setup(join(mkdtempSync(join(tmpdir(), 'nqh-ts-')), 'journal.sqlite'));
    const order: string[] = [];
    svc.onKill(() => {
      order.push(`cancel-all while ${svc.get().state}`);
      throw new Error('broker down');
    });
    svc.onKill(() => {
      order.push('flatten');
    });
    await svc.killSwitch('shortcut');
    expect(order).toEqual(['cancel-all while HALTED', 'flatten']);
    expect(svc.get().state).toBe('HALTED');
    db.close();
  });

  it('refuses a journal written by a newer schema', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nqh-ts-')), 'journal.sqlite');
    const db = openJournal(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openJournal(path)).toThrow(/newer than this build knows/);
  });
});
