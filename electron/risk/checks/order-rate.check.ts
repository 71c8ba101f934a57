// Message throttle: new orders, modifications and cancels sent in the last second. A new order
// or a modification is refused when the window already holds maxOrdersPerSecond messages;
// cancels are counted but never refused (they only take risk away).
import { deny, type CheckResult } from './denial.ts';

export const ORDER_RATE_WINDOW_MS = 1_000;

/** Messages at instants t with now − window < t ≤ now. */
export function messagesInWindow(messageTimes: readonly number[], now: number): number {
  let count = 0;
  for (const time of messageTimes) if (now - time < ORDER_RATE_WINDOW_MS && time <= now) count++;
  return count;
}

export function checkOrderRate(messageTimes: readonly number[], now: number, maxOrdersPerSecond: number): CheckResult {
  const count = messagesInWindow(messageTimes, now);
  if (count < maxOrdersPerSecond) return undefined;
  return deny('ORDER_RATE', `${count} order messages in the last second reach the limit of ${maxOrdersPerSecond} per second`);
}
