// When the latch may not be released: re-arming while an order could still be working (at the
// broker or in our book), while the kill switch still owes the broker its cancel-all or
// flatten, or while the broker cannot be asked at all, would restart automation on top of an
// unknown book. Each refusal says why.
import { isConnected } from '../../../shared/domain/connection.ts';
import type { BrokerOrderState } from '../../broker/broker.ts';
import { errorText } from '../../execution/broker-call.ts';
import type { KillSwitchDebt, KillSwitchOptions } from './kill-switch-types.ts';

const LIVE_BROKER_STATES: ReadonlySet<BrokerOrderState> = new Set(['PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED', 'PENDING_CANCEL']);
const LISTED = 5;

export type RearmCheckPorts = Pick<KillSwitchOptions, 'broker' | 'oms'> & {
  readonly running: boolean;
  readonly owed: KillSwitchDebt;
};

/** The reason to refuse a rearm now, or undefined when nothing stands in the way. */
export async function rearmRefusal(ports: RearmCheckPorts): Promise<string | undefined> {
  if (ports.running) return 'rearm refused: the kill switch is still cancelling or flattening';
  if (ports.owed.cancelAll) return 'rearm refused: the cancel-all has not reached the broker yet (it goes out when the broker is reachable)';
  if (ports.owed.flatten) return 'rearm refused: the requested flatten has not been sent yet';
  if (!isConnected(ports.broker.connectionStatus())) return 'rearm refused: the broker is disconnected, so its working orders cannot be confirmed';
  let live;
  try {
    live = (await ports.broker.openOrders()).filter((order) => LIVE_BROKER_STATES.has(order.state));
  } catch (error) {
    return `rearm refused: the broker's open orders could not be read (${errorText(error)})`;
  }
  if (live.length > 0) {
    const names = live.slice(0, LISTED).map((order) => order.clientOrderRef ?? `broker order ${order.brokerOrderId} (placed outside the app)`);
    return `rearm refused: the broker still reports ${live.length} working order(s): ${names.join(', ')}${live.length > LISTED ? ', …' : ''}`;
  }
  const ours = ports.oms.workingOrders();
  if (ours.length > 0) {
    return `rearm refused: our order book still has ${ours.length} working order(s) (${ours.slice(0, LISTED).map((order) => `${order.id} ${order.status}`).join(', ')}): wait for their final status or reconcile`;
  }
  return undefined;
}
