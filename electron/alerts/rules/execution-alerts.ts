// Alerts from the OMS and execution engine (source 'oms'). Risk denials are taken from the
// risk bus ('risk.denied'), not from 'order.denied', so a denial is alerted once.
import { contractKey } from '../../../shared/domain/contract.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import type { ExecutionEventBus, ExecutionEvents } from '../../execution/execution-events.ts';
import type { RaiseAlertInput } from '../alert-types.ts';
import { seconds, type RaiseAlert } from './alert-rule.ts';

const source = 'oms';
type Payload<Type extends keyof ExecutionEvents> = ExecutionEvents[Type];

/** A request that may have reached the broker: never resent, the reconciler must settle it. */
export function unknownOutcomeAlert(event: Payload<'order.unknown-outcome'>): RaiseAlertInput {
  return {
    severity: 'critical',
    source,
    message: `Order ${event.clientOrderRef}: the outcome of the ${event.operation} request is unknown (${event.error}). It is never resent; the reconciler must settle it.`,
    dedupKey: `oms:unknown-outcome:${event.orderId}:${event.operation}`,
    details: { orderId: event.orderId, clientOrderRef: event.clientOrderRef, operation: event.operation, since: event.since },
  };
}

export function illegalTransitionAlert(event: Payload<'order.illegal-transition'>): RaiseAlertInput {
  return {
    severity: 'warning',
    source,
    message: `Order ${event.order.clientOrderRef}: ${event.event} from ${event.source} refused in status ${event.order.status} (${event.error}).`,
    dedupKey: `oms:illegal-transition:${event.order.id}:${event.event}`,
    details: { orderId: event.order.id, status: event.order.status, event: event.event, changeSource: event.source },
  };
}

/** An execution that is not ours: positions may differ from the broker until reconciled. */
export function unknownExecutionAlert(event: Payload<'execution.unknown'>): RaiseAlertInput {
  const execution = event.execution;
  return {
    severity: 'critical',
    source,
    message: `Unknown execution ${execution.executionId}: ${execution.action} ${execution.quantity} ${contractKey(execution.contract)} @ ${execution.price} (ref ${execution.clientOrderRef}): ${event.reason}. Positions may differ from the broker until reconciled.`,
    dedupKey: `oms:unknown-execution:${execution.executionId}`,
    details: { executionId: execution.executionId, clientOrderRef: execution.clientOrderRef, brokerOrderId: execution.brokerOrderId },
  };
}

/** A sent order with no broker answer: a warning while the monitor looks, critical once it gives up. */
export function inFlightStaleAlert(event: Payload<'order.in-flight-stale'>): RaiseAlertInput {
  const shown = event.brokerState === undefined ? 'the broker does not show it' : `the broker shows it ${event.brokerState}`;
  const lookup = event.error === undefined ? shown : `the lookup failed: ${event.error}`;
  const end = event.gaveUp ? ' The monitor gave up: check it by hand.' : '';
  return {
    severity: event.gaveUp ? 'critical' : 'warning',
    source,
    message: `Order ${event.order.clientOrderRef} sent ${seconds(event.ageMs)} ago has no broker answer after ${event.lookups} lookup(s); ${lookup}. It is never resent.${end}`,
    dedupKey: `oms:in-flight-stale:${event.order.id}${event.gaveUp ? ':gave-up' : ''}`,
    details: { orderId: event.order.id, sentAt: event.sentAt, lookups: event.lookups, brokerState: event.brokerState, gaveUp: event.gaveUp },
  };
}

/** Certainly not sent; the dead-letter queue raises the critical alert when it captures it. */
export function sendFailedAlert(event: Payload<'order.send-failed'>): RaiseAlertInput {
  const references = event.orders.map((order) => order.clientOrderRef).join(', ');
  return {
    severity: 'warning',
    source,
    message: `Order ${references} could not be sent (${event.deadLetter.error.message}); it is INACTIVE and goes to the dead-letter queue.`,
    dedupKey: `oms:send-failed:${event.deadLetter.orderIds.join(',')}`,
    details: { orderIds: event.deadLetter.orderIds, errorCode: event.deadLetter.error.code },
  };
}

/** Dedup by the default key (source and message): the same failure repeating is one alert. */
export function omsErrorAlert(event: Payload<'oms.error'>): RaiseAlertInput {
  const order = event.orderId === undefined ? '' : ` (order ${event.orderId})`;
  return { severity: 'warning', source, message: `OMS error ${event.code}${order}: ${event.message}`, details: { code: event.code, orderId: event.orderId } };
}

export function connectExecutionAlerts(bus: Pick<ExecutionEventBus, 'subscribe'>, raise: RaiseAlert): Disposable[] {
  return [
    bus.subscribe('order.unknown-outcome', (event) => raise(unknownOutcomeAlert(event))),
    bus.subscribe('order.illegal-transition', (event) => raise(illegalTransitionAlert(event))),
    bus.subscribe('execution.unknown', (event) => raise(unknownExecutionAlert(event))),
    bus.subscribe('order.in-flight-stale', (event) => raise(inFlightStaleAlert(event))),
    bus.subscribe('order.send-failed', (event) => raise(sendFailedAlert(event))),
    bus.subscribe('oms.error', (event) => raise(omsErrorAlert(event))),
  ];
}
