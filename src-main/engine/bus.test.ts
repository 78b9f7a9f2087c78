import { describe, expect, it } from 'vitest';
import { MessageBus } from './bus';
import { utcMs } from '@shared/domain/brand';

const status = {
  source: 'synthetic',
  state: 'live',
  symbol: 'NQ',
  lastBarTime: null,
  detail: '',
} as const;

describe('MessageBus', () => {
  it('delivers a message to every subscriber of its topic only', () => {
    const bus = new MessageBus();
    const got: string[] = [];
    bus.subscribe('market.feed', (m) => got.push(`a:${m.state}`));
    bus.subscribe('market.feed', (m) => got.push(`b:${m.state}`));
    bus.subscribe('system', () => got.push('system'));
    bus.publish('market.feed', status);
    expect(got).toEqual(['a:live', 'b:live']);
  });

  it('stops delivering after dispose', () => {
    const bus = new MessageBus();
    let n = 0;
    const dispose = bus.subscribe('market.feed', () => n++);
    bus.publish('market.feed', status);
    dispose();
    bus.publish('market.feed', status);
    expect(n).toBe(1);
    expect(bus.subscriberCount('market.feed')).toBe(0);
  });

  it('isolates a throwing subscriber and reports it', () => {
    const errors: unknown[] = [];
    const bus = new MessageBus((_topic, e) => errors.push(e));
    let reached = false;
    bus.subscribe('system', () => {
      throw new Error('boom');
    });
    bus.subscribe('system', () => {
      reached = true;
    });
    bus.publish('system', { kind: 'notice', component: 'x', message: 'hi', at: utcMs(0) });
    expect(reached).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('lets a subscriber unsubscribe while a message is being delivered', () => {
    const bus = new MessageBus();
    const got: number[] = [];
    const d1 = bus.subscribe('market.feed', () => {
      got.push(1);
      d1();
    });
    bus.subscribe('market.feed', () => got.push(2));
    bus.publish('market.feed', status);
    bus.publish('market.feed', status);
    expect(got).toEqual([1, 2, 2]);
  });
});
