/**
 * Renderer state (zustand). Main owns the truth; this is the renderer's copy of what main
 * last said, plus view choices. Bars themselves live in the chart series, not here: only
 * the latest bar is kept for the header and tests.
 */
import { create } from 'zustand';
import type { Bar, Timeframe } from '@shared/domain/bar';
import type { ClockTick, FeedStatus, TradingStatus } from '@shared/contracts/events';
import type { OverlaySettings } from '@shared/settings/schema';
import type { ConnectionState } from '../ipc/api';

export interface ClockState extends ClockTick {
  /** `performance.now()` when the tick arrived, to interpolate between ticks. */
  readonly receivedAt: number;
}

export interface WorkstationState {
  readonly connection: ConnectionState;
  readonly trading: TradingStatus | null;
  readonly feed: FeedStatus | null;
  readonly clock: ClockState | null;
  readonly timeframe: Timeframe;
  readonly lastBar: Bar | null;
  readonly barCount: number;
  readonly error: string | null;
  /** Which chart overlays are on (from settings; null until the settings have arrived). */
  readonly overlays: OverlaySettings | null;
  setConnection(c: ConnectionState): void;
  setTrading(t: TradingStatus): void;
  setFeed(f: FeedStatus): void;
  setClock(c: ClockTick): void;
  setTimeframe(tf: Timeframe): void;
  setBars(last: Bar | null, count: number): void;
  setError(e: string | null): void;
  setOverlays(o: OverlaySettings): void;
}

export const useWorkstation = create<WorkstationState>()((set) => ({
  connection: 'connecting',
  trading: null,
  feed: null,
  clock: null,
  timeframe: '1m',
  lastBar: null,
  barCount: 0,
  error: null,
  overlays: null,
  setConnection: (connection) => set({ connection }),
  setTrading: (trading) => set({ trading }),
  setFeed: (feed) => set({ feed }),
  setClock: (c) => set({ clock: { ...c, receivedAt: performance.now() } }),
  setTimeframe: (timeframe) => set({ timeframe }),
  setBars: (lastBar, barCount) => set({ lastBar, barCount }),
  setError: (error) => set({ error }),
  setOverlays: (overlays) => set({ overlays }),
}));

/** The market clock now, interpolated from the last tick at the clock's speed (a paused replay stands still). */
export function marketNow(clock: ClockState | null, perfNow: number): number | null {
  if (!clock) return null;
  if (clock.paused) return clock.marketTime;
  return clock.marketTime + (perfNow - clock.receivedAt) * clock.speed;
}
