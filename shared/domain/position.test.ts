import { describe, expect, it } from 'vitest';
import { createOptionContract, createUnderlying, type Contract } from './contract.ts';
import { createFill, type Fill } from './fill.ts';
import { fromDollars, fromMicros, toMicros, ZERO_MONEY, type Money } from './money.ts';
import type { OrderAction } from './order-types.ts';
import { applyCommission, applyFill, flatPosition, marketValue, restorePosition, unrealizedPnl, type Position } from './position.ts';
import { seededUniform } from '../../electron/core/seeded-random.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });
const now = Date.UTC(2026, 2, 10, 15);
const option = createOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-04-17', strike: 450, right: 'put' }, now);
const dollars = (amount: number): Money => fromDollars(amount);
let sequence = 0;

function fill(action: OrderAction, quantity: number, price: number, commission = 0, contract: Contract = option): Fill {
  sequence += 1;
  return createFill({
    id: `exec.${sequence}`, orderId: 'ord-1', clientOrderRef: 'OWS-000001', contract, action, quantity, price, commission: fromDollars(commission), time: now,
  });
}

function applyAll(fills: readonly Fill[], start?: Position): Position {
  let position = start;
  for (const next of fills) position = applyFill(position, next);
  if (position === undefined) throw new Error('no fills');
  return position;
}

describe('applyFill', () => {
  it('when opening a long, then quantity, cost, average and commission-only realized P&L are set', () => {
    const position = applyFill(undefined, fill('BUY', 2, 1.15, 1.3));
    expect(position).toEqual({ contract: option, quantity: 2, averageCost: 1.15, costBasis: dollars(230), realizedPnl: dollars(-1.3), commissions: dollars(1.3) });
    expect(Object.isFrozen(position)).toBe(true);
  });

  it('when adding to a long, then the average cost is the weighted average', () => {
    const position = applyAll([fill('BUY', 2, 1.15), fill('BUY', 1, 1.45)]);
    expect([position.quantity, position.costBasis, position.averageCost]).toEqual([3, dollars(375), 1.25]);
  });

  it('when partially closing a long, then P&L is realized against the average cost and the rest keeps it', () => {
    const position = applyAll([fill('BUY', 2, 1.15, 1.3), fill('BUY', 1, 1.45, 0.65), fill('SELL', 1, 2, 0.65)]);
    // Sold 1 at 2.00 (200) against average 1.25 (125): +75, minus 2.60 commissions.
    expect(position).toMatchObject({ quantity: 2, costBasis: dollars(250), averageCost: 1.25, realizedPnl: dollars(72.4), commissions: dollars(2.6) });
  });

  it('when fully closing, then the position is flat with zero cost and all P&L realized', () => {
    const position = applyAll([fill('BUY', 3, 1.25, 1.95), fill('SELL', 3, 1, 1.95)]);
    expect(position).toMatchObject({ quantity: 0, costBasis: ZERO_MONEY, averageCost: 0, realizedPnl: dollars(-75 - 3.9) });
  });

  it('when a sell flips a long through zero, then the long is closed and the rest opens a short at the fill price', () => {
    const position = applyAll([fill('BUY', 2, 1), fill('SELL', 5, 1.5, 3.25)]);
    expect(position).toMatchObject({ quantity: -3, costBasis: dollars(-450), averageCost: 1.5, realizedPnl: dollars(100 - 3.25) });
  });

  it('when opening and covering a short, then the premium received is the basis and profit is realized on the cover', () => {
    const short = applyAll([fill('SELL', 3, 2.35, 1.95)]);
    expect(short).toMatchObject({ quantity: -3, costBasis: dollars(-705), averageCost: 2.35, realizedPnl: dollars(-1.95) });
    const covered = applyFill(short, fill('BUY', 1, 1.15, 0.65));
    expect(covered).toMatchObject({ quantity: -2, costBasis: dollars(-470), averageCost: 2.35, realizedPnl: dollars(120 - 2.6) });
  });

  it('when a buy flips a short through zero, then the short is covered and a long opens', () => {
    const position = applyAll([fill('SELL', 1, 2), fill('BUY', 3, 0.5)]);
    expect(position).toMatchObject({ quantity: 2, costBasis: dollars(100), averageCost: 0.5, realizedPnl: dollars(150) });
  });

  it('when reducing a basis that does not divide evenly, then the removed share rounds and the final close trues it up', () => {
    const opened = applyAll([fill('BUY', 1, 0.01), fill('BUY', 1, 0.01), fill('BUY', 1, 0.02)]); // basis $4.00 for 3
    const reduced = applyFill(opened, fill('SELL', 1, 0.01)); // removes 4/3 → 1.333333
    expect(reduced.costBasis).toBe(fromMicros(2_666_667));
    expect(reduced.realizedPnl).toBe(fromMicros(-333_333));
    const closed = applyFill(reduced, fill('SELL', 2, 0.01));
    expect(closed.realizedPnl).toBe(dollars(3 - 4)); // proceeds 3.00 − cost 4.00, exact
    expect(closed.costBasis).toBe(ZERO_MONEY);
  });

  it('when trading shares, then the multiplier is 1', () => {
    const shares = createUnderlying({ kind: 'etf', symbol: 'SPY' });
    const position = applyAll([fill('BUY', 100, 450.01, 1, shares), fill('SELL', 40, 451.01, 1, shares)]);
    expect(position).toMatchObject({ quantity: 60, averageCost: 450.01, realizedPnl: dollars(40 - 2) });
  });

  it('when the fill is for another contract, then applying fails naming fill.contract', () => {
    const other = createOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-04-17', strike: 440, right: 'put' }, now);
    expect(() => applyFill(flatPosition(option), fill('BUY', 1, 1, 0, other))).toThrow(
      fieldError('fill.contract', `fill.contract must be the position's contract SPY 2026-04-17 450 P, got "SPY 2026-04-17 440 P"`),
    );
  });
});


describe('exactness over many cycles', () => {
  it('when 20,000 random fills open, add, reduce, close and flip, then realized − basis always equals the exact cash flow', () => {
    const random = seededUniform(7);
    let position: Position | undefined;
    let cashMicros = 0n;
    for (let index = 0; index < 20_000; index += 1) {
      const action: OrderAction = random() < 0.5 ? 'BUY' : 'SELL';
      const quantity = 1 + Math.floor(random() * 7);
      const cents = 1 + Math.floor(random() * 500);
      const commissionMicros = 650_000 * quantity + Math.floor(random() * 3);
      const next = createFill({
        id: `cycle.${index}`, orderId: 'ord-1', clientOrderRef: 'OWS-000001', contract: option, action, quantity, price: cents / 100,
        commission: fromMicros(commissionMicros), time: now,
      });
      position = applyFill(position, next);
      const valueMicros = BigInt(cents) * 10_000n * BigInt(quantity) * 100n;
      cashMicros += (action === 'BUY' ? -valueMicros : valueMicros) - BigInt(commissionMicros);
      expect(BigInt(toMicros(position.realizedPnl)) - BigInt(toMicros(position.costBasis))).toBe(cashMicros);
    }
    // Close out: when flat, realized P&L is the whole cash flow to the micro-dollar.
    if (position === undefined) throw new Error('no position');
    const closeAction: OrderAction = position.quantity > 0 ? 'SELL' : 'BUY';
    const closeQuantity = Math.abs(position.quantity);
    if (closeQuantity > 0) {
      position = applyFill(position, fill(closeAction, closeQuantity, 1.23));
      const valueMicros = 1_230_000n * BigInt(closeQuantity) * 100n;
      cashMicros += closeAction === 'BUY' ? -valueMicros : valueMicros;
    }
    expect(position.quantity).toBe(0);
    expect(BigInt(toMicros(position.realizedPnl))).toBe(cashMicros);
  });

  it('when 10,000 open/close round trips with commissions are made, then realized P&L is exactly the expected sum', () => {
    let position: Position | undefined;
    let expectedMicros = 0n;
    const prices = [0.05, 0.1, 1.15, 2.35];
    for (let cycle = 0; cycle < 10_000; cycle += 1) {
      const entry = prices[cycle % 4] ?? 0;
      const exit = prices[(cycle + 1) % 4] ?? 0;
      position = applyFill(position, fill('SELL', 3, entry, 1.95));
      position = applyFill(position, fill('BUY', 3, exit, 1.95));
      expectedMicros += (BigInt(Math.round(entry * 100)) - BigInt(Math.round(exit * 100))) * 10_000n * 300n - 3_900_000n;
    }
    expect(position?.quantity).toBe(0);
    expect(BigInt(toMicros(position?.realizedPnl ?? ZERO_MONEY))).toBe(expectedMicros);
  });
});

describe('commissions, valuation and restore', () => {
  it('when a commission arrives after its fill, then only realized P&L and commissions change', () => {
    const position = applyCommission(applyFill(undefined, fill('SELL', 1, 2)), dollars(0.65));
    expect(position).toMatchObject({ quantity: -1, costBasis: dollars(-200), realizedPnl: dollars(-0.65), commissions: dollars(0.65) });
    expect(() => applyCommission(position, dollars(-1))).toThrow(fieldError('commission', 'commission must be at least 0, got -1000000'));
  });

  it('when marking positions, then unrealized P&L and market value are signed and exact', () => {
    const long = applyAll([fill('BUY', 2, 1.25)]);
    const short = applyAll([fill('SELL', 3, 2.35)]);
    expect(unrealizedPnl(long, 1.5)).toBe(dollars(50));
    expect(unrealizedPnl(short, 1)).toBe(dollars(405));
    expect(unrealizedPnl(short, 3)).toBe(dollars(-195));
    expect(unrealizedPnl(flatPosition(option), 9)).toBe(ZERO_MONEY);
    expect(marketValue(long, 1.5)).toBe(dollars(300));
    expect(marketValue(short, 1)).toBe(dollars(-300));
    expect(() => unrealizedPnl(long, -1)).toThrow(fieldError('markPrice', 'markPrice must be a finite price of at least 0, got -1'));
  });

  it('when restoring a stored position, then averageCost is recomputed and inconsistencies are refused', () => {
    const stored = { contract: option, quantity: -3, costBasis: dollars(-705), realizedPnl: dollars(10), commissions: dollars(1.95) };
    expect(restorePosition(stored)).toEqual({ ...stored, averageCost: 2.35 });
    expect(() => restorePosition({ ...stored, costBasis: dollars(705) })).toThrow(
      fieldError('costBasis', 'costBasis must have the sign of quantity (-3) and be 0 when flat, got 705000000'),
    );
    expect(() => restorePosition({ ...stored, quantity: 0 })).toThrow(expect.objectContaining({ field: 'costBasis' }));
    expect(() => restorePosition({ ...stored, quantity: 1.5 })).toThrow(fieldError('quantity', 'quantity must be an integer, got 1.5'));
    expect(() => restorePosition({ ...stored, commissions: dollars(-1) })).toThrow(expect.objectContaining({ field: 'commissions' }));
  });
});
