// THE mapping from the broker's order states to domain order events. The OMS applies the
// event through the store's transition table; it never sets a status directly.
//
// FILLED maps to nothing on purpose: filled quantity, average price and the FILL status come
// only from executions (IB does not report every transition, and "Filled" may arrive before,
// after or without its executions). PENDING_SUBMIT maps to SUBMIT_SENT: the broker has it but
// has not confirmed it yet.
import type { BrokerOrderState } from '../broker/broker.ts';
import type { OrderEvent } from '../../shared/domain/order-status.ts';

export const BROKER_STATE_EVENTS: Readonly<Record<BrokerOrderState, OrderEvent | undefined>> = Object.freeze({
  PENDING_SUBMIT: { type: 'SUBMIT_SENT' },
  PRE_SUBMITTED: { type: 'HELD' },
  SUBMITTED: { type: 'ACKNOWLEDGED' },
  PENDING_CANCEL: { type: 'CANCEL_REQUESTED' },
  CANCELLED: { type: 'CANCEL_CONFIRMED' },
  INACTIVE: { type: 'INACTIVE' },
  REJECTED: { type: 'REJECTED' },
  FILLED: undefined,
});

/** The domain event for a broker state, or undefined when the state is not a status change (FILLED). */
export function orderEventForBrokerState(state: BrokerOrderState): OrderEvent | undefined {
  if (!Object.hasOwn(BROKER_STATE_EVENTS, state)) throw new RangeError(`unknown broker order state ${JSON.stringify(state)}`);
  return BROKER_STATE_EVENTS[state];
}
