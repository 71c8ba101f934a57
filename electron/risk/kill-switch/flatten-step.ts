// Step 3 of a trigger (optional): close every position with marketable orders through the
// flatten engine (an ExecutionEngine whose OMS is gated by governor.flattenGate).
//
// Sequencing: a working exit order and a flatten order on the same position could both fill
// and flip it, and the broker's global cancel, still in flight, could catch a flatten order
// placed right after it. So the flatten waits until every working order in our book is final
// (the cancel-all confirmed) — and, when no order of ours was there to watch, at least
// cancelAllSettleMs after the cancel-all — bounded by cancelConfirmTimeoutMs. Past the bound it
// still flattens every underlying that has no working order left and reports the others
// (their orders could still fill): never a second order on a position that may still be closed
// by a working one.
import { isConnected } from '../../../shared/domain/connection.ts';
import { contractUnderlyingSymbol } from '../../../shared/domain/contract.ts';
import type { OrderId } from '../../../shared/domain/ids.ts';
import { instrumentUnderlyingSymbol } from '../../../shared/domain/instrument.ts';
import type { Clock } from '../../core/clock.ts';
import { errorText } from '../../execution/broker-call.ts';
import type { KillSwitchOptions, KillSwitchTiming } from './kill-switch-types.ts';

export type FlattenPorts = Pick<KillSwitchOptions, 'oms' | 'flattenEngine' | 'positions' | 'broker' | 'clock'> & {
  readonly timing: KillSwitchTiming;
  /** True once the kill switch is disposed: stop waiting. */
  readonly stopped: () => boolean;
};

export type WaitOutcome = 'settled' | 'timed-out' | 'disconnected' | 'stopped';

export interface CancelReference {
  readonly sentAt: number;
  /** Orders of ours were cancelled: their confirmations prove the broker processed the cancel-all. */
  readonly watchedOrders: boolean;
}

/** Waits (polling the order book on the clock) until the cancels are confirmed, or the bound passes. */
export async function waitForCancels(ports: FlattenPorts, cancel: CancelReference): Promise<WaitOutcome> {
  const { clock, timing } = ports;
  const deadline = cancel.sentAt + timing.cancelConfirmTimeoutMs;
  const earliest = cancel.watchedOrders ? cancel.sentAt : cancel.sentAt + timing.cancelAllSettleMs;
  for (;;) {
    if (ports.stopped()) return 'stopped';
    if (!isConnected(ports.broker.connectionStatus())) return 'disconnected';
    const now = clock.now();
    if (now >= earliest && ports.oms.workingOrders().length === 0) return 'settled';
    if (now >= deadline) return 'timed-out';
    await sleep(clock, Math.min(timing.pollIntervalMs, Math.max(1, (now < earliest ? earliest : deadline) - now)));
  }
}

export interface FlattenStepResult {
  readonly sent: boolean;
  readonly orderIds: readonly OrderId[];
  readonly errors: readonly string[];
}

/** closeAll per underlying, skipping underlyings that still have working orders. Never rejects. */
export async function flattenPositions(ports: FlattenPorts): Promise<FlattenStepResult> {
  const orderIds: OrderId[] = [];
  const errors: string[] = [];
  try {
    const blocked = workingByUnderlying(ports);
    const lines = await ports.positions.positions();
    const symbols = [...new Set(lines.map((line) => contractUnderlyingSymbol(line.contract)))];
    for (const symbol of symbols) {
      const working = blocked.get(symbol);
      if (working !== undefined) {
        errors.push(`${symbol}: not flattened: ${working} order(s) on it are still working (cancel not confirmed within ${ports.timing.cancelConfirmTimeoutMs} ms); trigger again once they are final`);
        continue;
      }
      const result = await ports.flattenEngine.closeAll(symbol);
      orderIds.push(...result.orderIds);
      if (!result.success) errors.push(`${symbol}: ${result.error ?? result.action}`);
    }
  } catch (error) {
    errors.push(`flatten failed: ${errorText(error)}`);
  }
  return { sent: errors.length === 0, orderIds, errors };
}

function workingByUnderlying(ports: FlattenPorts): Map<string, number> {
  const counts = new Map<string, number>();
  for (const order of ports.oms.workingOrders()) {
    const symbol = instrumentUnderlyingSymbol(order.instrument);
    counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
  }
  return counts;
}

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimeout(resolve, ms);
  });
}
