// A realistic trading session driven through the TradingStore, for replay tests: an option
// order filled in two parts with a late SUBMITTED after FILLED and a repeated execution; a combo
// filled leg by leg; a stock order whose cancel races fills, with a late fill after CANCELLED;
// an order rejected by risk; a closing order; commissions; a strategy opened; other records.
import type { TestClock } from '../../core/test-clock.ts';
import { createStrategy } from '../../../shared/domain/strategy.ts';
import type { Order } from '../../../shared/domain/order.ts';
import type { TradingStore } from '../trading-store.ts';
import { dollars, fillOf, newAlert, newComboOrder, newDecision, newOrder, newStrategy, spy } from './trading-fixtures.ts';

export type ScenarioResult = { readonly orders: Readonly<Record<'option' | 'combo' | 'stock' | 'rejected' | 'closing', Order>>; readonly refusals: number };

export function runTradingScenario(store: TradingStore, clock: TestClock): ScenarioResult {
  const step = () => clock.advance(250);
  let refusals = 0;
  const status = (order: Order, ...args: Parameters<TradingStore['recordOrderStatus']> extends [unknown, ...infer Rest] ? Rest : never) => {
    step();
    if (!store.recordOrderStatus(order.id, ...args).ok) refusals += 1;
  };
  const create = (order: Order) => {
    step();
    return store.recordOrderCreated(order);
  };
  const work = (order: Order, brokerOrderId: number) => {
    status(order, { type: 'SUBMIT_SENT' }, { brokerOrderId });
    status(order, { type: 'ACKNOWLEDGED' });
  };
  const fill = (...args: Parameters<typeof fillOf>) => {
    step();
    const result = store.recordFill(fillOf(...args));
    if (result.status === 'recorded' && !result.orderUpdate.ok) refusals += 1;
    return result.fill;
  };

  store.records.recordStrategyCreated(newStrategy());
  const option = create(newOrder({ clientOrderRef: store.nextClientOrderRef(), strategyId: 'stg-1' }));
  work(option, 101);
  const firstFill = fill(option, { quantity: 1, price: 1.2 });
  store.recordCommission(firstFill.id, dollars(0.65));
  const secondFill = fill(option, { quantity: 1, price: 1.1, commission: dollars(0.65) });
  status(option, { type: 'ACKNOWLEDGED' }, { message: 'late Submitted after Filled' });
  store.recordFill(secondFill); // IB repeats the execution after a reconnect: already recorded
  store.records.recordStrategyUpdate(createStrategy({ ...newStrategy(), status: 'OPEN', openedAt: clock.now(), entryNetPrice: -1.15, entryNetAmount: dollars(-230) }));

  const combo = create(newComboOrder({ clientOrderRef: store.nextClientOrderRef() }));
  work(combo, 102);
  const shortLeg = fill(combo, { legIndex: 0, quantity: 2, price: 1.15 });
  fill(combo, { legIndex: 1, quantity: 1, price: 0.3 });
  fill(combo, { legIndex: 1, quantity: 2, price: 0.35 });
  fill(combo, { legIndex: 0, quantity: 1, price: 1.2 });
  store.recordCommission(shortLeg.id, dollars(1.3));

  const stock = create(newOrder({ clientOrderRef: store.nextClientOrderRef(), instrument: spy, action: 'BUY', quantity: 100, limitPrice: 450.5 }));
  work(stock, 103);
  fill(stock, { quantity: 40, price: 450.25 });
  status(stock, { type: 'CANCEL_REQUESTED' });
  fill(stock, { quantity: 20, price: 450.5 }); // the cancel raced this fill
  status(stock, { type: 'CANCEL_CONFIRMED' }, { message: 'Cancelled' });
  fill(stock, { quantity: 10, price: 450.5 }); // a late fill after CANCELLED: money counts, the status change is refused

  const rejected = create(newOrder({ clientOrderRef: store.nextClientOrderRef() }));
  status(rejected, { type: 'REJECTED' }, { message: 'risk: PRICE_COLLAR' });
  status(rejected, { type: 'SUBMIT_SENT' }); // illegal after REJECTED

  const closing = create(newOrder({ clientOrderRef: store.nextClientOrderRef(), action: 'BUY', limitPrice: 0.4 }));
  work(closing, 104);
  fill(closing, { quantity: 2, price: 0.4, commission: dollars(1.3) });

  store.records.recordDecision(newDecision({ createdAt: clock.now() }));
  store.records.recordAlert(newAlert({ createdAt: clock.now() }));
  const orders = { option, combo, stock, rejected, closing };
  return { orders: Object.fromEntries(Object.entries(orders).map(([name, order]) => [name, store.orders.get(order.id) as Order])) as ScenarioResult['orders'], refusals };
}
