// Elects stops: trailing stops follow the market first, then any stop whose trigger reference
// reached it starts working (PreSubmitted → Submitted) as a market or limit order.
import { fromDollars } from '../../../shared/domain/money.ts';
import type { Contract } from '../../../shared/domain/contract.ts';
import { touchOf } from './account-figures.ts';
import type { ExchangeContext } from './exchange-context.ts';
import { refreshState, touchOrder } from './order-reports.ts';
import { isTrailingType, type PaperOrder } from './paper-order.ts';
import { priceGridOf } from './price-grid.ts';
import { isStopTriggered, triggerReference, updateTrail } from './stop-trigger.ts';

/** Updates the trail and elects the stop when triggered. Stops are single-contract orders only. */
export function electIfTriggered(context: ExchangeContext, order: PaperOrder): void {
  const request = order.request;
  const contract = request.instrument as Contract;
  const quote = touchOf(context, contract);
  const reference = quote === undefined ? undefined : triggerReference(contract, request.action, quote);
  if (reference === undefined) return;
  if (isTrailingType(request.type)) followTrail(context, order, reference);
  const stop = order.stopMicros;
  if (stop === undefined || !isStopTriggered(request.action, stop, reference)) return;
  order.elected = true;
  if (request.type === 'STP_LMT' && request.limitPrice !== undefined) order.electedLimitMicros = fromDollars(request.limitPrice);
  if (request.type === 'TRAIL_LIMIT') {
    const offset = fromDollars(request.limitOffset ?? 0);
    order.electedLimitMicros = request.action === 'BUY' ? stop + offset : stop - offset;
  }
  touchOrder(context, order);
  refreshState(context, order);
}

function followTrail(context: ExchangeContext, order: PaperOrder, reference: number): void {
  const request = order.request;
  const spec = { amountMicros: request.trailingAmount === undefined ? undefined : fromDollars(request.trailingAmount), percent: request.trailingPercent };
  const state = { referenceMicros: order.trailReferenceMicros, stopMicros: order.stopMicros };
  const next = updateTrail(request.action, spec, state, reference, priceGridOf(request.instrument, context.market));
  if (next.referenceMicros === state.referenceMicros && next.stopMicros === state.stopMicros) return;
  order.trailReferenceMicros = next.referenceMicros;
  order.stopMicros = next.stopMicros;
  touchOrder(context, order);
}
