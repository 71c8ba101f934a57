import { afterEach, describe, expect, it } from 'vitest';
import { fromDollars } from '../../../shared/domain/money.ts';
import { PaperFixture, spyOption } from './testing/paper-fixture.ts';

let fixture: PaperFixture;
const put550 = spyOption(550, 'put');
const put540 = spyOption(540, 'put');

function open(startingCash = 100_000): PaperFixture {
  fixture = new PaperFixture({ config: { startingCash: fromDollars(startingCash) } });
  fixture.market.setQuotes([
    [put550, { bid: 3.0, ask: 3.1, bidSize: 50, askSize: 50 }],
    [put540, { bid: 1.5, ask: 1.6, bidSize: 50, askSize: 50 }],
  ]);
  return fixture;
}

afterEach(() => fixture.dispose());

describe('paper broker: buying power', () => {
  it('when a naked put needs more than the account has, then it is rejected with the exact amounts', async () => {
    open(5_000);
    const ref = await fixture.place({ instrument: put550, action: 'SELL', limitPrice: 3.0 });
    fixture.settle();
    // Requirement (3.05 mark + max(20 % × 560 − 10, 10 % × 550)) × 100 = 10,505; +300 premium − 1 commission.
    expect(fixture.lastStatus(ref)?.reason).toBe('insufficient buying power: needs $10,206.00, available $5,000.00');
  });

  it('when a put credit spread is placed, then it holds only its width and is accepted on a small account', async () => {
    open(5_000);
    const combo = { kind: 'combo' as const, legs: [{ contract: put550, ratio: 1, action: 'SELL' as const }, { contract: put540, ratio: 1, action: 'BUY' as const }] };
    const ref = await fixture.place({ instrument: combo, limitPrice: -1.4, quantity: 2 });
    fixture.settle();
    expect(fixture.lastStatus(ref)?.state).toBe('FILLED');
    const summary = await fixture.broker.accountSummary();
    expect(summary.marginUsed).toBe(fromDollars(2_000));
    // Cash 5,000 + 2 × 140 credit − 2.60 commission; buying power = cash − the 2,000 width.
    expect(summary.cash).toBe(fromDollars(5_277.4));
    expect(summary.buyingPower).toBe(fromDollars(3_277.4));
  });

  it('when a long option is bought, then it is paid in full: buying power falls by premium and commission', async () => {
    open();
    const ref = await fixture.place({ type: 'MKT', quantity: 2 });
    fixture.settle();
    expect(fixture.lastStatus(ref)?.state).toBe('FILLED');
    const summary = await fixture.broker.accountSummary();
    expect(summary.buyingPower).toBe(fromDollars(100_000 - 422 - 1.3));
    expect(summary.marginUsed).toBe(0);
  });

  it('when an order closes a position, then it is accepted even with no buying power left', async () => {
    open(1_000);
    await fixture.place({ type: 'MKT', quantity: 4 });
    fixture.settle();
    expect((await fixture.broker.accountSummary()).buyingPower).toBeLessThan(fromDollars(200));
    const close = await fixture.place({ type: 'MKT', action: 'SELL', quantity: 4 });
    fixture.settle();
    expect(fixture.lastStatus(close)?.state).toBe('FILLED');
  });

  it('when a what-if is asked for a naked put, then it reports the margin change and commission without placing anything', async () => {
    open();
    const preview = await fixture.broker.whatIf(fixture.request({ instrument: put550, action: 'SELL', limitPrice: 3.0, quantity: 2 }));
    expect(preview).toEqual({
      initialMarginChange: fromDollars(21_010),
      maintenanceMarginChange: fromDollars(21_010),
      initialMarginAfter: fromDollars(21_010),
      maintenanceMarginAfter: fromDollars(21_010),
      equityWithLoanAfter: fromDollars(100_000 + 600 - 1.3),
      commission: fromDollars(1.3),
      rejectReason: undefined,
      warning: undefined,
    });
    expect(await fixture.broker.openOrders()).toEqual([]);
  });

  it('when a what-if would be refused, then it says why', async () => {
    open(1_000);
    const unknown = await fixture.broker.whatIf(fixture.request({ instrument: fixture.unknownOption, limitPrice: 1 }));
    expect(unknown.rejectReason).toBe('unknown contract SPY 2026-03-20 999 C');
    const tooBig = await fixture.broker.whatIf(fixture.request({ limitPrice: 2.1, quantity: 10 }));
    expect(tooBig.rejectReason).toBe('insufficient buying power: needs $2,106.50, available $1,000.00');
  });
});

describe('paper broker: account summary', () => {
  it('when positions are open, then net liquidation, unrealized and realized P&L are exact at the mid', async () => {
    open();
    await fixture.place({ type: 'MKT', quantity: 3 });
    fixture.settle();
    await fixture.place({ type: 'MKT', action: 'SELL', quantity: 1 });
    fixture.settle();
    fixture.market.setQuote(fixture.option, { bid: 2.4, ask: 2.5, bidSize: 50, askSize: 50 });
    const summary = await fixture.broker.accountSummary();
    // Bought 3 at 2.11 (commission 1.95), sold 1 at 1.99 (1.00): cash 100,000 − 633 − 1.95 + 199 − 1.
    expect(summary.cash).toBe(fromDollars(99_563.05));
    // Realized: (1.99 − 2.11) × 100 − 1.95 − 1.00; unrealized at the new mid: 2 × (2.45 − 2.11) × 100.
    expect(summary.realizedPnl).toBe(fromDollars(-14.95));
    expect(summary.unrealizedPnl).toBe(fromDollars(68));
    expect(summary.netLiquidation).toBe(fromDollars(99_563.05 + 490));
    expect(summary.accountId).toBe('PAPER');
  });

  it('when a new day starts, then today\'s realized P&L starts again from zero', async () => {
    open();
    await fixture.place({ type: 'MKT' });
    fixture.settle();
    fixture.clock.advanceTo(Date.parse('2026-03-11T14:00:00Z'));
    expect((await fixture.broker.accountSummary()).realizedPnl).toBe(0);
  });
});
