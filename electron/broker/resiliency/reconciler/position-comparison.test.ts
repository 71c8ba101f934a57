import { describe, expect, it } from 'vitest';
import { contractKey, createUnderlying, restoreOptionContract } from '../../../../shared/domain/contract.ts';
import { comparePositions, describeMismatch } from './position-comparison.ts';

const call = restoreOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-03-20', strike: 560, right: 'call' });
const put = restoreOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-03-20', strike: 540, right: 'put' });
const shares = createUnderlying({ kind: 'etf', symbol: 'SPY' });

describe('comparePositions', () => {
  it('when both sides hold the same signed quantities, then nothing is flagged (costs are not compared)', () => {
    expect(comparePositions([{ contract: call, quantity: -2 }, { contract: shares, quantity: 100 }], [
      { contract: shares, quantity: 100, averageCost: 560.3 },
      { contract: call, quantity: -2, averageCost: 2.0 },
    ])).toEqual([]);
  });

  it('when the broker holds a contract our fills do not, when ours hold one the broker does not, and when sizes differ, then each is flagged with its kind, sorted by contract', () => {
    const mismatches = comparePositions([{ contract: call, quantity: 3 }, { contract: shares, quantity: 100 }], [
      { contract: call, quantity: 2, averageCost: 2 },
      { contract: put, quantity: -1, averageCost: 1 },
    ]);
    expect(mismatches).toEqual(
      [
        { kind: 'quantity', contractKey: contractKey(call), contract: call, bookQuantity: 3, brokerQuantity: 2 },
        { kind: 'outside-app', contractKey: contractKey(put), contract: put, bookQuantity: 0, brokerQuantity: -1 },
        { kind: 'missing-at-broker', contractKey: contractKey(shares), contract: shares, bookQuantity: 100, brokerQuantity: 0 },
      ].sort((a, b) => (a.contractKey < b.contractKey ? -1 : 1)),
    );
  });

  it('when the broker reports a flat line, then it counts as no position', () => {
    expect(comparePositions([], [{ contract: call, quantity: 0, averageCost: 0 }])).toEqual([]);
  });

  it('when a mismatch is described, then the line names the contract, both quantities and the kind', () => {
    const [mismatch] = comparePositions([], [{ contract: put, quantity: -1, averageCost: 1 }]);
    expect(describeMismatch(mismatch!)).toBe(`${contractKey(put)}: broker -1, ours 0 (held at the broker but not by our fills)`);
  });
});
