/**
 * Typed in-process message bus. Topics are keys of `BusTopics`; a publish delivers
 * synchronously to every subscriber in subscription order. A throwing subscriber is
 * isolated (reported to `onError`) so one faulty component cannot stop a bar reaching
 * the others.
 */
import type { Bar } from '@shared/domain/bar';
import type { UtcMs } from '@shared/domain/brand';
import type { StateChangeSource, TradingState } from '@shared/domain/trading-state';
import type { FeedStatus } from '@shared/contracts/events';
import type { PriceRoll } from '@shared/market/roll-offsets';

/** A 1-minute bar from a feed: `final` once its minute has closed, else a forming update. */
export interface BarEvent {
  readonly symbol: string;
  readonly bar: Bar;
  readonly final: boolean;
}

/** The trading state changed (kill switch, re-arm, risk limits). */
export interface TradingStateChanged {
  readonly from: TradingState;
  readonly to: TradingState;
  readonly reason: string;
  readonly source: StateChangeSource;
  readonly at: UtcMs;
}

/** A component started, stopped or faulted, or another system-level notice. */
export interface SystemEvent {
  readonly kind: 'component-state' | 'notice';
  readonly component: string;
  readonly message: string;
  readonly at: UtcMs;
}

/** Placeholders typed now so later issues extend, not reshape, the bus. */
export interface SignalEvent {
  readonly kind: string;
  readonly at: UtcMs;
}
export interface OrderEvent {
  readonly kind: string;
  readonly orderId: string;
  readonly at: UtcMs;
}
export interface FillEvent {
  readonly orderId: string;
  readonly price: number;
  readonly quantity: number;
  readonly at: UtcMs;
}

/** The market data so far is void (a new feed, a replay seek): consumers drop what they hold. */
export interface MarketReset {
  readonly reason: string;
  /** Increments with every reset, so late messages of an old epoch can be told apart. */
  readonly epoch: number;
}

/**
 * The continuous series rolled to a new contract: from `time` (the new contract's first
 * minute) on, its bars are `gap` points from the old contract's (new minus old). Published
 * before that minute's bar; consumers adjust for it (`roll-offsets.ts`).
 */
export interface MarketRoll extends PriceRoll {
  readonly symbol: string;
}

/** Every topic and its message type. */
export interface BusTopics {
  'market.bar': BarEvent;
  'market.reset': MarketReset;
  'market.roll': MarketRoll;
  'market.feed': FeedStatus;
  signal: SignalEvent;
  order: OrderEvent;
  fill: FillEvent;
  'risk.tradingState': TradingStateChanged;
  system: SystemEvent;
}

export type Topic = keyof BusTopics;
export type Handler<T extends Topic> = (message: Readonly<BusTopics[T]>) => void;
export type Dispose = () => void;

export class MessageBus {
  private readonly handlers = new Map<Topic, Set<Handler<Topic>>>();

  constructor(private readonly onError: (topic: Topic, error: unknown) => void = () => {}) {}

  /** Subscribes to a topic; returns the function that unsubscribes. */
  subscribe<T extends Topic>(topic: T, handler: Handler<T>): Dispose {
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
    }
    const h = handler as Handler<Topic>;
    set.add(h);
    return () => {
      set.delete(h);
    };
  }

  /** Delivers `message` to every subscriber of `topic`. */
  publish<T extends Topic>(topic: T, message: BusTopics[T]): void {
    const set = this.handlers.get(topic);
    if (!set) return;
    for (const h of [...set]) {
      try {
        h(message);
      } catch (error) {
        this.onError(topic, error);
      }
    }
  }

  /** Number of subscribers on a topic (for leak checks in tests). */
  subscriberCount(topic: Topic): number {
    return this.handlers.get(topic)?.size ?? 0;
  }
}
