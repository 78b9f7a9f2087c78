/**
 * Overlay colours, in one place for the primitives, the legend swatches (styles.css repeats
 * them as classes, since the CSP forbids inline styles) and the e2e test, which finds each
 * overlay on the canvas by its colour. Each is distinct from the candles (#26a69a, #ef5350),
 * the grid and the text, so a pixel of that colour can only come from its overlay.
 */
import type { OverlayVwapAnchor } from '@shared/contracts/level-overlay';

/** VWAP line colour per anchor (its bands use the same hue, fainter). */
export const VWAP_COLORS: Readonly<Record<OverlayVwapAnchor, string>> = {
  hour: '#4fc3f7',
  day: '#ffb300',
  week: '#ce93d8',
  month: '#9ccc65',
};

/** Session profile: value-area and outside bars, POC, VAH/VAL. */
export const SESSION_COLORS = {
  value: 'rgba(66, 165, 245, 0.38)',
  outside: 'rgba(66, 165, 245, 0.18)',
  poc: '#ffee58',
  edges: '#64b5f6',
} as const;

/** Week profile: value-area and outside bars, POC, VAH/VAL. */
export const WEEK_COLORS = {
  value: 'rgba(206, 147, 216, 0.30)',
  outside: 'rgba(206, 147, 216, 0.14)',
  poc: '#f06292',
  edges: '#ba68c8',
} as const;

/** TPO: letters, the POC row, the initial-balance bar, single prints. */
export const TPO_COLORS = {
  letters: '#80cbc4',
  poc: '#fff59d',
  initialBalance: '#ff8a65',
  singlePrints: '#e0f2f1',
} as const;

/** HVN and LVN marks. */
export const NODE_COLORS = { hvn: '#66bb6a', lvn: '#90a4ae' } as const;
