import { describe, expect, it } from 'vitest';
import type { BrokerOrderRequest } from '../broker.ts';
import type { IsoDate } from '../../../shared/domain/calendar.ts';
import { formatClientOrderRef } from '../../../shared/domain/ids.ts';
import { TestClock } from '../../core/test-clock.ts';
import { InMemoryPaperMarket } from './in-memory-paper-market.ts';
import { rejectionReason, type ValidationInput } from './order-validation.ts';
import { FIXTURE_START, spyOption } from './testing/paper-fixture.ts';

const clock = new TestClock(FIXTURE_START);
const market = new InMemoryPaperMarket({ clock });
market.setQuote(spyOption(560), { bid: 2, ask: 2.1, bidSize: 10, askSize: 10 });
const input: ValidationInput = { market, now: FIXTURE_START, expirationTime: (expiry: IsoDate) => market.expirationTime(expiry), bracketChild: false };

function request(fields: Partial<BrokerOrderRequest>): BrokerOrderRequest {
  return { clientOrderRef: formatClientOrderRef(1), instrument: spyOption(560), action: 'BUY', quantity: 1, type: 'LMT', tif: 'DAY', limitPrice: 2, ...fields };
}

describe('order validation', () => {
  it('when the order is well formed, then there is no reason to reject it', () => {
    expect(rejectionReason(request({}), input)).toBeUndefined();
  });

  it('when the instrument is missing or malformed, then it is an invalid contract, never a crash', () => {
    expect(rejectionReason(request({ instrument: undefined as never }), input)).toBe('invalid contract: the order has no instrument');
    expect(rejectionReason(request({ instrument: { kind: 'combo', legs: [] } as never }), input)).toMatch(/^invalid contract: instrument.legs must have at least 2 legs/);
  });

  it('when a type needs a price it lacks, then it is an invalid price naming the field', () => {
    expect(rejectionReason(request({ type: 'STP', limitPrice: undefined }), input)).toBe('invalid price: stopPrice is required for a STP order, got undefined');
  });

  it('when a bracket child is IOC, then it is refused', () => {
    expect(rejectionReason(request({ tif: 'IOC' }), { ...input, bracketChild: true })).toBe('invalid order: a bracket child must be DAY or GTC, got IOC');
  });

  it('when OPG is asked for a stop, then it is refused', () => {
    expect(rejectionReason(request({ type: 'STP', stopPrice: 3, limitPrice: undefined, tif: 'OPG' }), input)).toBe('invalid order: OPG accepts only MKT and LMT orders on a single contract');
  });

  it('when an index is traded directly, then it is refused as not tradable', () => {
    expect(rejectionReason(request({ instrument: { kind: 'index', symbol: 'SPX', currency: 'USD', brokerContractId: undefined } }), input)).toMatch(/SPX is an index/);
  });

  it("when the market says an underlying's options trade in pennies, then a limit in cents above $3 is accepted; otherwise it is off the $0.05 grid", () => {
    const penny = new InMemoryPaperMarket({ clock, pennyOptionSymbols: ['SPY'] });
    penny.setQuote(spyOption(560), { bid: 3.45, ask: 3.49, bidSize: 10, askSize: 10 });
    const pennyInput: ValidationInput = { ...input, market: penny };
    expect(rejectionReason(request({ limitPrice: 3.47 }), pennyInput)).toBeUndefined();
    expect(rejectionReason(request({ limitPrice: 3.47 }), input)).toMatch(/^invalid price: limit price 3.47 is not a multiple of the \$0\.05 tick/);
  });
});

