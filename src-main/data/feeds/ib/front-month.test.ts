import { describe, expect, it } from 'vitest';
import { expiryOf, selectFrontMonth, type ListedContract } from './front-month';
import { nqChain } from './tws-sim-contracts';

const listed: ListedContract[] = [
  { conId: 4, localSymbol: 'NQZ4', lastTradeDateOrContractMonth: '20241220' },
  { conId: 1, localSymbol: 'NQH4', lastTradeDateOrContractMonth: '20240315' },
  { conId: 3, localSymbol: 'NQU4', lastTradeDateOrContractMonth: '20240920' },
  { conId: 2, localSymbol: 'NQM4', lastTradeDateOrContractMonth: '20240621' },
];

/** UTC ms of a New York wall-clock time in winter (EST, UTC−5). */
const est = (y: number, m: number, d: number, h = 12): number => Date.UTC(y, m - 1, d, h + 5);

describe('front-month selection', () => {
  it('picks the nearest expiry, whatever order the months are listed in', () => {
    expect(selectFrontMonth(listed, est(2024, 1, 10))?.contract.localSymbol).toBe('NQH4');
  });

  it('rolls to the next month 8 calendar days before expiry, at New York midnight', () => {
    // NQH4 expires Friday 2024-03-15; its roll date is Thursday 2024-03-07.
    expect(selectFrontMonth(listed, est(2024, 3, 6, 23))?.contract.localSymbol).toBe('NQH4');
    expect(selectFrontMonth(listed, est(2024, 3, 7, 0))?.contract.localSymbol).toBe('NQM4');
    const front = selectFrontMonth(listed, est(2024, 3, 1));
    expect(front?.expiry).toBe('2024-03-15');
    expect(front?.rollAt).toBe(est(2024, 3, 7, 0));
  });

  it('honours a different roll offset and returns nothing when every month has rolled', () => {
    expect(selectFrontMonth(listed, est(2024, 3, 10), 3)?.contract.localSymbol).toBe('NQH4');
    expect(selectFrontMonth(listed, est(2024, 12, 15))).toBeUndefined();
  });

  it('reads a contract month as its third-Friday expiry', () => {
    const d = expiryOf({ conId: 9, localSymbol: 'NQM5', lastTradeDateOrContractMonth: '202506' });
    expect(d?.toISODate()).toBe('2025-06-20');
  });

  it('agrees with the simulated NQ chain around a year end', () => {
    const chain = nqChain(est(2024, 12, 16));
    expect(chain.map((c) => c.localSymbol)).toEqual(['NQZ4', 'NQH5', 'NQM5', 'NQU5']);
    expect(selectFrontMonth(chain, est(2024, 12, 16))?.contract.localSymbol).toBe('NQH5');
  });
});
