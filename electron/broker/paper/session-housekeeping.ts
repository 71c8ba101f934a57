// Time-driven work, run when the housekeeping timer fires (session opens and closes, DAY
// expiries, expirations) and once at start-up to catch up with whatever passed while the broker
// was not running:
// 1. DAY orders past their session close are cancelled;
// 2. OPG orders execute at their open (market: sweep; limit: what is marketable), the rest is
//    cancelled; an OPG order whose opening session already passed is cancelled;
// 3. expirations are settled;
// 4. live orders show the state of the session (Submitted ↔ PreSubmitted at the open/close);
// 5. during a session, every working order meets the market.
import type { ExchangeContext } from './exchange-context.ts';
import { nextExpirationTime, processExpirations } from './expiration-processing.ts';
import { evaluateAll, evaluateOrder, MatchingPass } from './order-matching.ts';
import { cancelOrder, refreshState } from './order-reports.ts';
import { isLive } from './paper-order.ts';

export function runHousekeeping(context: ExchangeContext): void {
  const { now, market } = context;
  for (const order of context.book.live()) {
    if (order.expiresAt !== undefined && order.expiresAt <= now) cancelOrder(context, order, 'DAY order expired at the session close');
  }
  const openingPass = new MatchingPass();
  for (const order of context.book.live()) {
    if (order.opensAt === undefined || order.opensAt > now) continue;
    const sameSession = market.isRegularHours(now) && market.sessionClose(now) === market.sessionClose(order.opensAt);
    if (sameSession) evaluateOrder(context, openingPass, order, 'opening');
    if (isLive(order)) cancelOrder(context, order, sameSession ? 'OPG: not filled at the open' : 'OPG: the opening passed before the order could execute');
  }
  processExpirations(context);
  for (const order of context.book.live()) refreshState(context, order);
  evaluateAll(context);
}

/** When housekeeping must run next: the next session boundary, DAY expiry, OPG open or expiration. */
export function nextHousekeepingTime(context: ExchangeContext): number {
  const { now, market } = context;
  const candidates = [market.isRegularHours(now) ? market.sessionClose(now) : market.nextSessionOpen(now)];
  for (const order of context.book.live()) {
    for (const time of [order.expiresAt, order.opensAt]) if (time !== undefined && time > now) candidates.push(time);
  }
  const expiration = nextExpirationTime(context);
  if (expiration !== undefined) candidates.push(expiration);
  return Math.min(...candidates);
}

/** On every market tick: overdue settlements (waiting for a price), then the working orders. */
export function onMarketTick(context: ExchangeContext): void {
  if (context.settlementWarnings.size > 0) processExpirations(context);
  evaluateAll(context);
}
