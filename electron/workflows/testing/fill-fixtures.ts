// Hand-made fills and a condor for the pure accounting tests: prices in dollars, commissions in
// dollars, every amount checked by hand in the tests.
import { restoreOptionContract, type OptionContract } from '../../../shared/domain/contract.ts';
import { createFill, type Fill } from '../../../shared/domain/fill.ts';
import { fromDollars } from '../../../shared/domain/money.ts';
import type { OrderAction } from '../../../shared/domain/order-types.ts';
import { createStrategy, type Strategy } from '../../../shared/domain/strategy.ts';

export const FIXTURE_TIME = Date.UTC(2026, 10, 23, 15);

export function option(strike: number, right: 'put' | 'call', expiry = '2027-01-15'): OptionContract {
  return restoreOptionContract({ underlyingSymbol: 'SPY', expiry, strike, right });
}

/** 640/650 put spread short, 700/710 call spread short. */
export const CONDOR_LEGS = [
  { contract: option(640, 'put'), action: 'BUY', ratio: 1 },
  { contract: option(650, 'put'), action: 'SELL', ratio: 1 },
  { contract: option(700, 'call'), action: 'SELL', ratio: 1 },
  { contract: option(710, 'call'), action: 'BUY', ratio: 1 },
] as const;

export function condor(overrides: Partial<Parameters<typeof createStrategy>[0]> = {}): Strategy {
  return createStrategy({ id: 'stg-1', type: 'IRON_CONDOR', underlyingSymbol: 'SPY', legs: CONDOR_LEGS, quantity: 2, createdAt: FIXTURE_TIME, ...overrides });
}

let sequence = 0;

export function fill(orderId: string, contract: OptionContract, action: OrderAction, quantity: number, price: number, commission = 0, time = FIXTURE_TIME + 1_000): Fill {
  sequence += 1;
  return createFill({ id: `x${sequence}`, orderId, clientOrderRef: 'OWS-000001', contract, action, quantity, price, commission: fromDollars(commission), time });
}

/** The entry of `units` condors: long 640P 1.00, short 650P 2.00, short 700C 1.50, long 710C 0.70 (credit 1.80 per unit). */
export function condorEntryFills(units: number, commissionPerLeg = 0.65 * units): Fill[] {
  return [
    fill('ORD-000001', option(640, 'put'), 'BUY', units, 1.0, commissionPerLeg),
    fill('ORD-000001', option(650, 'put'), 'SELL', units, 2.0, commissionPerLeg),
    fill('ORD-000001', option(700, 'call'), 'SELL', units, 1.5, commissionPerLeg),
    fill('ORD-000001', option(710, 'call'), 'BUY', units, 0.7, commissionPerLeg),
  ];
}

/** Closing `units` condors for a debit of 0.60 per unit: sell 640P 0.40, buy 650P 0.80, buy 700C 0.50, sell 710C 0.30. */
export function condorExitFills(units: number, orderId = 'ORD-000002', commissionPerLeg = 0.65 * units): Fill[] {
  return [
    fill(orderId, option(640, 'put'), 'SELL', units, 0.4, commissionPerLeg),
    fill(orderId, option(650, 'put'), 'BUY', units, 0.8, commissionPerLeg),
    fill(orderId, option(700, 'call'), 'BUY', units, 0.5, commissionPerLeg),
    fill(orderId, option(710, 'call'), 'SELL', units, 0.3, commissionPerLeg),
  ];
}
