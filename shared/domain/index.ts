// The domain model: every type the engines, persistence, IPC and UI share.
// Money functions have generic names (add, sum, format), so they are exported as the `money`
// namespace: `money.add(a, b)`; the `Money` type and ZERO_MONEY are also exported directly.
export * from './errors.ts';
export type { Brand } from './brand.ts';
export * from './calendar.ts';
export * from './new-york-time.ts';
export * from './ids.ts';
export * as money from './money.ts';
export { MICROS_PER_DOLLAR, MoneyOverflowError, ZERO_MONEY, type Money } from './money.ts';
export * from './order-types.ts';
export * from './contract.ts';
export * from './combo.ts';
export * from './instrument.ts';
export * from './order-price-fields.ts';
export * from './order-status.ts';
export * from './order.ts';
export * from './fill.ts';
export * from './combo-fill.ts';
export * from './position.ts';
export * from './greeks.ts';
export * from './strategy.ts';
export * from './strategy-shape.ts';
export * from './decision.ts';
export * from './alert.ts';
export * from './risk.ts';
export * from './connection.ts';
export * from './account.ts';
