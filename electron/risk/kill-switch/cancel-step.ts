// Step 2 of a trigger: every working order cancelled by ONE broker cancel-all (IB
// reqGlobalCancel), which also catches orders placed outside the app. With orders of ours
// working, the OMS marks them all PENDING_CANCEL in one transaction and then sends the cancel-all
// (OMS.cancelAll({ viaBrokerCancelAll: true })); with none, the broker is called directly, since
// the OMS's result cannot show the outcome of a call made for zero orders. The broker is called
// synchronously inside startCancelAll (the function only awaits the answer), so the cancel-all
// leaves before the caller's next statement.
import { isConnected } from '../../../shared/domain/connection.ts';
import type { OrderId } from '../../../shared/domain/ids.ts';
import { isCancellableStatus } from '../../../shared/domain/order-status.ts';
import { callBroker, errorText } from '../../execution/broker-call.ts';
import type { CancelAllResult } from '../../execution/oms-types.ts';
import type { CancelAllOutcome, KillSwitchOptions } from './kill-switch-types.ts';

export type CancelPorts = Pick<KillSwitchOptions, 'oms' | 'broker' | 'clock'> & { readonly brokerCallTimeoutMs: number };

export interface CancelStepResult {
  readonly outcome: CancelAllOutcome;
  /** Orders of ours marked PENDING_CANCEL by this cancel-all. */
  readonly orderIds: readonly OrderId[];
  readonly error: string | undefined;
  /** When the cancel-all was handed to the broker (or attempted). */
  readonly sentAt: number;
  /** Whether orders of ours were cancelled: their confirmations then prove the broker processed it. */
  readonly watchedOrders: boolean;
}

/** Sends the cancel-all now (synchronously) and resolves with its outcome; never rejects. */
export function startCancelAll(ports: CancelPorts): Promise<CancelStepResult> {
  const sentAt = ports.clock.now();
  if (!connected(ports)) return Promise.resolve({ outcome: 'pending-reconnect', orderIds: [], error: 'the broker is not connected', sentAt, watchedOrders: false });
  let ours: boolean;
  let lookupError: string | undefined;
  try {
    ours = ports.oms.workingOrders().some((order) => isCancellableStatus(order.status));
  } catch (error) {
    // The order book is unreadable: still cancel everything at the broker.
    ours = false;
    lookupError = `our working orders could not be read (${errorText(error)})`;
  }
  return ours ? viaOrderBook(ports, sentAt) : direct(ports, sentAt, lookupError);
}

async function viaOrderBook(ports: CancelPorts, sentAt: number): Promise<CancelStepResult> {
  let result: CancelAllResult;
  try {
    result = await ports.oms.cancelAll({ viaBrokerCancelAll: true });
  } catch (error) {
    return { outcome: 'failed', orderIds: [], error: `the order book could not cancel: ${errorText(error)}`, sentAt, watchedOrders: false };
  }
  const failure = result.failed[0];
  if (failure === undefined) return { outcome: 'sent', orderIds: result.requested, error: undefined, sentAt, watchedOrders: result.requested.length > 0 };
  // One broker call for every order: the first failure says how it went.
  const outcome = failure.outcome === 'not-sent' && !connected(ports) ? 'pending-reconnect' : 'failed';
  return { outcome, orderIds: result.requested, error: `${result.failed.length} order(s) not confirmed cancelled: ${failure.error}`, sentAt, watchedOrders: false };
}

async function direct(ports: CancelPorts, sentAt: number, lookupError: string | undefined): Promise<CancelStepResult> {
  const answer = await callBroker(ports.clock, ports.brokerCallTimeoutMs, () => ports.broker.cancelAllOrders());
  if (answer.kind === 'ok') return { outcome: 'sent', orderIds: [], error: lookupError, sentAt, watchedOrders: false };
  const outcome = answer.kind === 'not-sent' && !connected(ports) ? 'pending-reconnect' : 'failed';
  const why = answer.kind === 'not-sent' ? `not sent: ${answer.error}` : `outcome unknown: ${answer.error}`;
  return { outcome, orderIds: [], error: lookupError === undefined ? why : `${why}; ${lookupError}`, sentAt, watchedOrders: false };
}

function connected(ports: CancelPorts): boolean {
  try {
    return isConnected(ports.broker.connectionStatus());
  } catch {
    return false;
  }
}
