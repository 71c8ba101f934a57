import { describe, expect, it } from 'vitest';
import { fromDollars, ZERO_MONEY } from '../../shared/domain/money.ts';
import { closedFigures, closedStrategy, closingFills, heldContracts, openedStrategy, openPnl, reducedStrategy, rolledAwayStrategy, successorStrategy } from './strategy-transitions.ts';
import { condor, condorEntryFills, condorExitFills, FIXTURE_TIME, fill, option } from './testing/fill-fixtures.ts';

const now = FIXTURE_TIME + 60_000;

describe('strategy transitions', () => {
  it('when the entry filled, then the strategy is OPEN with the entry figures from the fills', () => {
    const opened = openedStrategy(condor(), condorEntryFills(2), 2, now, 'entry filled');
    expect(opened).toMatchObject({ status: 'OPEN', quantity: 2, entryNetAmount: fromDollars(-360), entryNetPrice: -1.8, realizedPnl: fromDollars(-5.2), openedAt: now, statusReason: 'entry filled' });
    expect(opened.legs.map((leg) => leg.entryPrice)).toEqual([1, 2, 1.5, 0.7]);
  });

  it('when the entry ended part-filled, then the strategy opens with the units that filled', () => {
    const opened = openedStrategy(condor({ quantity: 3 }), condorEntryFills(2), 2, now, 'part');
    expect(opened).toMatchObject({ quantity: 2, entryNetAmount: fromDollars(-360) });
  });

  it('when one of two units is closed, then the entry amount halves and the closed half is realized', () => {
    const open = openedStrategy(condor(), condorEntryFills(2), 2, now, 'entry filled');
    const attributed = [...condorEntryFills(2), ...condorExitFills(1)];
    const reduced = reducedStrategy(open, 1, attributed, 'reduced');
    // Half the credit (180) less the debit paid (60), less all commissions so far (5.20 + 2.60).
    expect(reduced).toMatchObject({ status: 'OPEN', quantity: 1, entryNetAmount: fromDollars(-180), realizedPnl: fromDollars(112.2), exitNetAmount: fromDollars(60) });
    expect(openPnl(reduced, attributed)).toBe(reduced.realizedPnl);
  });

  it('when everything is closed, then the P&L is the fills and the time is kept', () => {
    const open = openedStrategy(condor(), condorEntryFills(2), 2, now, 'entry filled');
    const closed = closedStrategy(open, [...condorEntryFills(2), ...condorExitFills(2)], now + 1, 'closed');
    expect(closed).toMatchObject({ status: 'CLOSED', realizedPnl: fromDollars(229.6), exitNetAmount: fromDollars(120), closedAt: now + 1 });
    expect(closedFigures(open, [...condorEntryFills(2), ...condorExitFills(2)])).toEqual({ exitNetAmount: fromDollars(120), realizedPnl: fromDollars(229.6) });
  });

  it('when fills are split by side, then the closing ones and the net held contracts are found', () => {
    const attributed = [...condorEntryFills(2), ...condorExitFills(1)];
    expect(closingFills(condor(), attributed)).toHaveLength(4);
    expect(heldContracts(condor(), attributed)).toEqual([1, -1, -1, 1]);
    expect(heldContracts(condor(), [...condorEntryFills(2), ...condorExitFills(2)])).toEqual([0, 0, 0, 0]);
  });

  it('when a roll fills, then the old strategy is ROLLED and the successor OPEN with the history of the chain', () => {
    const open = openedStrategy(condor(), condorEntryFills(2), 2, now, 'entry filled');
    const away = rolledAwayStrategy(open, [...condorEntryFills(2), ...condorExitFills(2)], 'stg-1-r1', now + 1, 'rolled');
    expect(away).toMatchObject({ status: 'ROLLED', rolledToId: 'stg-1-r1', realizedPnl: fromDollars(229.6) });
    const newLegs = [
      { contract: option(640, 'put', '2027-02-19'), action: 'BUY' as const, ratio: 1 },
      { contract: option(650, 'put', '2027-02-19'), action: 'SELL' as const, ratio: 1 },
      { contract: option(700, 'call', '2027-02-19'), action: 'SELL' as const, ratio: 1 },
      { contract: option(710, 'call', '2027-02-19'), action: 'BUY' as const, ratio: 1 },
    ];
    const openingFills = newLegs.map((leg, index) => fill('ORD-000002', leg.contract, leg.action, 2, [1.5, 2.6, 2.0, 1.1][index] as number, 1));
    const successor = successorStrategy(open, { id: 'stg-1-r1', legs: newLegs, openingFills, units: 2, now: now + 1, decisionId: undefined, rolledAwayPnl: away.realizedPnl });
    // (1.50 − 2.60 − 2.00 + 1.10) × 200 = −400.
    expect(successor).toMatchObject({ id: 'stg-1-r1', type: 'IRON_CONDOR', status: 'OPEN', quantity: 2, rolledFromId: 'stg-1', entryNetAmount: fromDollars(-400), realizedPnl: fromDollars(-4) });
    expect(successor.rollHistory).toEqual([{ fromStrategyId: 'stg-1', rolledAt: now + 1, realizedPnl: fromDollars(229.6), decisionId: undefined }]);
  });

  it('when the new legs do not keep the named shape, then the successor is CUSTOM', () => {
    const open = openedStrategy(condor(), condorEntryFills(2), 2, now, 'entry filled');
    const newLegs = [{ contract: option(650, 'put', '2027-02-19'), action: 'SELL' as const, ratio: 1 }];
    const successor = successorStrategy(open, { id: 'stg-1-r1', legs: newLegs, openingFills: [fill('ORD-000002', newLegs[0]!.contract, 'SELL', 2, 2)], units: 2, now, decisionId: undefined, rolledAwayPnl: ZERO_MONEY });
    expect(successor.type).toBe('CUSTOM');
  });
});
