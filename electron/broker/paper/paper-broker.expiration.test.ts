import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerOrderRequest } from '../broker.ts';
import { contractKey, restoreOptionContract, type OptionContract } from '../../../shared/domain/contract.ts';
import { fromDollars } from '../../../shared/domain/money.ts';
import { PaperFixture, spyOption } from './testing/paper-fixture.ts';

let fixture: PaperFixture;
const expiration = Date.parse('2026-03-20T20:00:00Z');
const put560 = spyOption(560, 'put');

beforeEach(() => {
  fixture = new PaperFixture();
  fixture.market.setQuote(put560, { bid: 3.0, ask: 3.1, bidSize: 50, askSize: 50 });
});

afterEach(() => fixture.dispose());

async function trade(contract: OptionContract, action: BrokerOrderRequest['action'], quantity = 1): Promise<void> {
  await fixture.place({ instrument: contract, type: 'MKT', action, quantity });
  fixture.settle();
}

async function holdings(): Promise<Record<string, number>> {
  return Object.fromEntries((await fixture.broker.positions()).map((position) => [contractKey(position.contract), position.quantity]));
}

async function cash(): Promise<number> {
  return (await fixture.broker.accountSummary()).cash;
}

/** Runs to the expiration with the underlying pinned at `price`; returns the cash change it caused. */
async function expireAt(price: number): Promise<number> {
  const before = await cash();
  fixture.market.setUnderlyingPrice('SPY', price);
  fixture.clock.advanceTo(expiration);
  return (await cash()) - before;
}

describe('paper broker: expiration', () => {
  it('when a long call is in the money, then it is exercised: +100 shares at the strike and cash −strike × 100', async () => {
    await trade(fixture.option, 'BUY');
    expect(await expireAt(565)).toBe(-fromDollars(56_000));
    expect(await holdings()).toEqual({ SPY: 100 });
    const [settlement] = fixture.broker.settlements(0);
    expect(settlement).toMatchObject({ outcome: 'exercised', quantity: 1, underlyingPrice: 565, intrinsicValue: 5, time: expiration });
    expect(fixture.notices()).toContain('long 1 SPY 2026-03-20 560 C at expiration (underlying $565.00): exercised, bought 100 SPY at $560.00');
  });

  it('when a long put is in the money, then it is exercised into 100 sold shares', async () => {
    await trade(put560, 'BUY');
    expect(await expireAt(550)).toBe(fromDollars(56_000));
    expect(await holdings()).toEqual({ SPY: -100 });
  });

  it('when a short call is in the money, then it is assigned: −100 shares and cash + strike × 100', async () => {
    await trade(fixture.option, 'SELL');
    expect(await expireAt(570)).toBe(fromDollars(56_000));
    expect(await holdings()).toEqual({ SPY: -100 });
    expect(fixture.broker.settlements(0)[0]?.outcome).toBe('assigned');
  });

  it('when a short put is in the money, then it is assigned: +100 shares bought at the strike', async () => {
    await trade(put560, 'SELL', 2);
    expect(await expireAt(555)).toBe(-fromDollars(112_000));
    expect(await holdings()).toEqual({ SPY: 200 });
  });

  it('when an option is out of the money, then it expires worthless: no shares, no cash, its premium is realized', async () => {
    await trade(fixture.option, 'BUY');
    expect(await expireAt(559.995)).toBe(0);
    expect(await holdings()).toEqual({});
    // Bought on 10 March at 2.11 (its commission was booked that day); the 211 premium is lost on the 20th.
    expect((await fixture.broker.accountSummary()).realizedPnl).toBe(-fromDollars(211));
    expect(fixture.broker.settlements(0)[0]?.outcome).toBe('expired-worthless');
  });

  it('when a vertical has one leg in the money, then only that leg becomes shares', async () => {
    await trade(fixture.option, 'BUY');
    await trade(fixture.otherOption, 'SELL');
    expect(await expireAt(565)).toBe(-fromDollars(56_000));
    expect(await holdings()).toEqual({ SPY: 100 });
    expect(fixture.broker.settlements(0).map((settlement) => settlement.outcome)).toEqual(['exercised', 'expired-worthless']);
  });

  it('when an index option is in the money, then it settles in cash at its intrinsic value', async () => {
    const spx = restoreOptionContract({ underlyingSymbol: 'SPX', expiry: '2026-03-20', strike: 5600, right: 'call' });
    fixture.market.setQuote(spx, { bid: 40, ask: 41, bidSize: 10, askSize: 10 });
    await trade(spx, 'BUY');
    const before = await cash();
    fixture.market.setUnderlyingPrice('SPX', 5650.5);
    fixture.clock.advanceTo(expiration);
    expect((await cash()) - before).toBe(fromDollars(5_050));
    expect(await holdings()).toEqual({});
  });

  it('when an order on the option is still working at expiration, then it is cancelled as expired, and new ones are rejected', async () => {
    const working = await fixture.place({ limitPrice: 1, tif: 'GTC' });
    fixture.clock.advanceTo(expiration);
    expect(fixture.lastStatus(working)).toMatchObject({ state: 'CANCELLED', reason: 'contract expired: SPY 2026-03-20 560 C' });
    fixture.clock.advanceTo(Date.parse('2026-03-23T14:00:00Z'));
    const late = await fixture.place({ limitPrice: 1 });
    fixture.settle();
    expect(fixture.lastStatus(late)?.reason).toBe('contract expired: SPY 2026-03-20 560 C expired on 2026-03-20');
  });

  it('when the underlying price is unknown at expiration, then settlement waits and happens on the first tick with a price', async () => {
    await trade(fixture.option, 'BUY');
    fixture.market.removeQuote(fixture.underlying);
    fixture.clock.advanceTo(expiration);
    expect(await holdings()).toEqual({ 'SPY 2026-03-20 560 C': 1 });
    expect(fixture.notices()).toContain('cannot settle SPY 2026-03-20 560 C at expiration: the price of SPY is unknown (will retry)');
    fixture.market.setUnderlyingPrice('SPY', 570);
    expect(await holdings()).toEqual({ SPY: 100 });
  });
});
