/** The overlays the legend toggles: settings key, the name shown and read by tests, colour. */
import type { OverlaySettings } from '@shared/settings/schema';
import {
  NODE_COLORS,
  SESSION_COLORS,
  TPO_COLORS,
  VWAP_COLORS,
  WEEK_COLORS,
} from './overlay-colors';

/** One settings flag of `ui.overlays`. */
export type OverlayKey = keyof OverlaySettings;

/** One legend entry. */
export interface OverlayItem {
  readonly key: OverlayKey;
  /** The legend's accessible name. */
  readonly name: string;
  /** The colour that identifies it on the chart. */
  readonly color: string;
}

/** The legend's entries, in order. */
export const OVERLAY_ITEMS: readonly OverlayItem[] = [
  { key: 'vwapHour', name: 'VWAP hour', color: VWAP_COLORS.hour },
  { key: 'vwapDay', name: 'VWAP day', color: VWAP_COLORS.day },
  { key: 'vwapWeek', name: 'VWAP week', color: VWAP_COLORS.week },
  { key: 'vwapMonth', name: 'VWAP month', color: VWAP_COLORS.month },
  { key: 'sessionProfile', name: 'Session profile', color: SESSION_COLORS.poc },
  { key: 'weekProfile', name: 'Week profile', color: WEEK_COLORS.poc },
  { key: 'tpo', name: 'TPO', color: TPO_COLORS.initialBalance },
  { key: 'nodes', name: 'HVN/LVN', color: NODE_COLORS.hvn },
];
