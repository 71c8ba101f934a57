// Domain objects for persistence tests: a short put, a put spread combo, a stock order, their
// fills, a strategy, a decision and an alert. Dates sit around 2026-03-10 (New York).
import { createAlert, type Alert } from '../../../shared/domain/alert.ts';
import { createCombo, type Combo } from '../../../shared/domain/combo.ts';
import { createOptionContract, createUnderlying, type Contract, type OptionContract } from '../../../shared/domain/contract.ts';
import { createDecision, type Decision } from '../../../shared/domain/decision.ts';
import { createFill, type Fill, type FillInput } from '../../../shared/domain/fill.ts';
import { fromDollars, ZERO_MONEY } from '../../../shared/domain/money.ts';
import { createOrder, type NewOrderInput, type Order } from '../../../shared/domain/order.ts';
import { oppositeAction, type OrderAction } from '../../../shared/domain/order-types.ts';
import { createStrategy, type Strategy, type StrategyInput } from '../../../shared/domain/strategy.ts';

export const fixtureTime = Date.UTC(2026, 2, 10, 15);

export const shortPut: OptionContract = createOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-04-17', strike: 440, right: 'put' }, fixtureTime);
export const longPut: OptionContract = createOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-04-17', strike: 430, right: 'put', brokerContractId: 123456 }, fixtureTime);
export const spy = createUnderlying({ kind: 'etf', symbol: 'SPY' });
/** Bull put spread as bought: SELL the 440 put, BUY the 430 put (sold as a whole it is a debit, bought a credit). */
export const putSpread: Combo = createCombo({ legs: [{ contract: shortPut, ratio: 1, action: 'SELL' }, { contract: longPut, ratio: 1, action: 'BUY' }] }, fixtureTime);

let orderNumber = 0;

/** A new order (CREATED); every id and reference is fresh unless given. */
export function newOrder(overrides: Partial<NewOrderInput> = {}, now = fixtureTime): Order {
  orderNumber += 1;
  const base: NewOrderInput = {
    id: `ord-${orderNumber}`,
    clientOrderRef: `OWS-${String(orderNumber).padStart(6, '0')}`,
    instrument: shortPut,
    action: 'SELL',
    quantity: 2,
    type: 'LMT',
    limitPrice: 1.15,
    tif: 'DAY',
  };
  return createOrder({ ...base, ...overrides }, now);
}

/** A combo order for the put spread at a net credit (negative limit). */
export function newComboOrder(overrides: Partial<NewOrderInput> = {}): Order {
  return newOrder({ instrument: putSpread, action: 'BUY', quantity: 3, limitPrice: -0.85, ...overrides });
}

let executionNumber = 0;

/** A fill of `order` (its contract and action for a single contract; pass legIndex for a combo leg). */
export function fillOf(order: Order, overrides: Partial<FillInput> & { legIndex?: number } = {}): Fill {
  executionNumber += 1;
  const leg = overrides.legIndex === undefined || order.instrument.kind !== 'combo' ? undefined : order.instrument.legs[overrides.legIndex];
  const contract: Contract = leg?.contract ?? (order.instrument.kind === 'combo' ? shortPut : order.instrument);
  const action: OrderAction = leg === undefined ? order.action : order.action === 'BUY' ? leg.action : oppositeAction(leg.action);
  return createFill({
    id: `0000e0d5.67fe667b.01.${String(executionNumber).padStart(2, '0')}`,
    orderId: order.id,
    clientOrderRef: order.clientOrderRef,
    contract,
    action,
    quantity: 1,
    price: 1.15,
    commission: ZERO_MONEY,
    time: fixtureTime + 1_000,
    ...overrides,
  });
}

export function strategyInput(overrides: Partial<StrategyInput> = {}): StrategyInput {
  return {
    id: 'stg-1',
    type: 'BULL_PUT',
    underlyingSymbol: 'SPY',
    legs: [
      { contract: longPut, action: 'BUY', ratio: 1 },
      { contract: shortPut, action: 'SELL', ratio: 1, entryPrice: 1.15 },
    ],
    quantity: 2,
    createdAt: fixtureTime,
    ...overrides,
  };
}

export function newStrategy(overrides: Partial<StrategyInput> = {}): Strategy {
  return createStrategy(strategyInput(overrides));
}

export function newDecision(overrides: Partial<Parameters<typeof createDecision>[0]> = {}): Decision {
  return createDecision({
    id: 'dec-1',
    strategyId: 'stg-1',
    action: 'ROLL',
    urgency: 'WALKING_LIMIT',
    ruleId: 'r05-roll-tested-side',
    reason: 'short put delta above 0.35',
    trace: [
      { ruleId: 'r02-stop-loss', name: 'Stop loss', fired: false, inputs: { loss: -12.5, credit: 85, quote: null }, threshold: 'loss ≥ 2 × credit', reason: 'loss is small' },
      { ruleId: 'r05-roll-tested-side', name: 'Roll tested side', fired: true, inputs: { delta: -0.41, symbol: 'SPY', live: true }, threshold: '|delta| > 0.35', reason: 'tested' },
    ],
    createdAt: fixtureTime + 60_000,
    rollTarget: { expiry: '2026-05-15', targetDelta: -0.2, description: 'out one month to 20 delta' },
    ...overrides,
  });
}

export function newAlert(overrides: Partial<Parameters<typeof createAlert>[0]> = {}): Alert {
  return createAlert({ id: 'alt-1', severity: 'warning', source: 'risk', message: 'margin use above 70 %', createdAt: fixtureTime, dedupKey: 'margin-70', ...overrides });
}

export const dollars = (amount: number) => fromDollars(amount);
