// Order ids. A live order's id is derived from its client order reference, whose persisted
// counter never repeats (TradingStore.nextClientOrderRef), so ids never repeat either, also
// after a restart: 'OWS-000123' → 'ORD-000123'. A dry-run order's id reads DRY_<leg>_<timestamp>
// (leg = its index within the operation: 0, or 0/1/2 for a bracket), so a dry run can never be
// mistaken for an order that reached a broker.
import { clientOrderRefSequence, parseOrderId, type ClientOrderRef, type OrderId } from '../../shared/domain/ids.ts';

export const LIVE_ORDER_ID_PREFIX = 'ORD-';
export const DRY_RUN_ORDER_ID_PREFIX = 'DRY_';

const dryRunPattern = /^DRY_(\d+)_(\d+)$/;

/** 'OWS-000123' → 'ORD-000123'. */
export function orderIdForClientOrderRef(reference: ClientOrderRef): OrderId {
  const sequence = clientOrderRefSequence(reference);
  return parseOrderId(`${LIVE_ORDER_ID_PREFIX}${String(sequence).padStart(6, '0')}`);
}

/** DRY_<leg>_<timestamp>, e.g. DRY_0_1737000000000. */
export function dryRunOrderId(leg: number, timestamp: number): OrderId {
  if (!Number.isSafeInteger(leg) || leg < 0) throw new RangeError(`dry-run leg must be a non-negative integer, got ${String(leg)}`);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`dry-run timestamp must be epoch milliseconds, got ${String(timestamp)}`);
  return parseOrderId(`${DRY_RUN_ORDER_ID_PREFIX}${leg}_${timestamp}`);
}

export function isDryRunOrderId(id: string): boolean {
  return dryRunPattern.test(id);
}

/**
 * Hands out the timestamp part of dry-run ids: the clock's time, moved past the last one handed
 * out and past any id already stored, so two dry runs in the same millisecond (a paused test
 * clock, a burst) still get distinct ids.
 */
export class DryRunTimestamps {
  #last = -1;

  next(now: number, isTaken: (timestamp: number) => boolean): number {
    let timestamp = Math.max(now, this.#last + 1);
    while (isTaken(timestamp)) timestamp += 1;
    this.#last = timestamp;
    return timestamp;
  }
}
