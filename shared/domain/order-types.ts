// The vocabulary of orders: `as const` lists (iterable, for validation and exhaustive tests)
// and the union types derived from them.

export const ORDER_ACTIONS = ['BUY', 'SELL'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** MKT market · LMT limit · STP stop · STP_LMT stop-limit · TRAIL trailing stop · TRAIL_LIMIT trailing stop-limit. */
export const ORDER_TYPES = ['MKT', 'LMT', 'STP', 'STP_LMT', 'TRAIL', 'TRAIL_LIMIT'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** DAY until the close · GTC until cancelled · IOC fill what you can now, cancel the rest · OPG at the open. */
export const TIME_IN_FORCES = ['DAY', 'GTC', 'IOC', 'OPG'] as const;
export type TimeInForce = (typeof TIME_IN_FORCES)[number];

/**
 * Order status as the OMS records it (see order-status.ts for the transitions):
 * - CREATED: saved by the OMS, not sent to the broker yet (after a crash: certainly never sent).
 * - PENDING_SUBMIT: sent (or about to be: status is persisted before sending), no acknowledgement yet.
 * - PRE_SUBMITTED: accepted by the broker but held, not working at the exchange yet (IB
 *   `PreSubmitted`: stops not yet elected, bracket children waiting for their parent, GTC
 *   orders outside regular hours). Kept apart from SUBMITTED so the UI and the reconciler can
 *   tell "my stop is armed but not live" from "working at the exchange".
 * - SUBMITTED: working at the exchange.
 * - PARTIALLY_FILLED: some but not all filled, remainder still working.
 * - PENDING_CANCEL: cancel sent, not confirmed; fills can still arrive.
 * - FILLED, CANCELLED, REJECTED, INACTIVE: final (INACTIVE: the broker says the order is not
 *   working and will not work without intervention, IB `Inactive`).
 */
export const ORDER_STATUSES = [
  'CREATED',
  'PENDING_SUBMIT',
  'PRE_SUBMITTED',
  'SUBMITTED',
  'PARTIALLY_FILLED',
  'PENDING_CANCEL',
  'FILLED',
  'CANCELLED',
  'REJECTED',
  'INACTIVE',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** +1 for BUY (quantity and cash outflow count positive), −1 for SELL. */
export function actionSign(action: OrderAction): 1 | -1 {
  return action === 'BUY' ? 1 : -1;
}

export function oppositeAction(action: OrderAction): OrderAction {
  return action === 'BUY' ? 'SELL' : 'BUY';
}
