// Evaluates working orders against the market: stops are elected first, then single orders use
// the fill model and combos the combo pricing. One MatchingPass per tick (or acknowledgement)
// shares the displayed liquidity between orders in time priority (broker id order).
import { contractKey, type Contract } from '../../../shared/domain/contract.ts';
import type { Combo } from '../../../shared/domain/combo.ts';
import { fromDollars } from '../../../shared/domain/money.ts';
import { oppositeAction, type OrderAction } from '../../../shared/domain/order-types.ts';
import { touchOf } from './account-figures.ts';
import { comboLimitMet, comboMarket } from './combo-pricing.ts';
import type { ExchangeContext } from './exchange-context.ts';
import { bookFills, type FillDraft } from './fill-booking.ts';
import { limitFill, marketFillSlices, type FillSlice } from './fill-model.ts';
import { electIfTriggered } from './order-triggers.ts';
import { isLive, remainingQuantity, type PaperOrder } from './paper-order.ts';
import { priceGridOf } from './price-grid.ts';

type BookSideName = 'bid' | 'ask';

/** Liquidity taken so far in one evaluation pass, per contract and side. */
export class MatchingPass {
  readonly #taken = new Map<string, number>();

  taken(contract: Contract, side: BookSideName): number {
    return this.#taken.get(`${contractKey(contract)}|${side}`) ?? 0;
  }

  take(contract: Contract, side: BookSideName, quantity: number): void {
    const key = `${contractKey(contract)}|${side}`;
    this.#taken.set(key, (this.#taken.get(key) ?? 0) + quantity);
  }
}

function contraSideName(action: OrderAction): BookSideName {
  return action === 'BUY' ? 'ask' : 'bid';
}

/** 'continuous': any working order; 'opening': OPG orders at the open (they work at no other time). */
export type EvaluationMode = 'continuous' | 'opening';

function canWork(context: ExchangeContext, order: PaperOrder, mode: EvaluationMode): boolean {
  if (!isLive(order) || !order.acknowledged || !order.active) return false;
  if ((order.request.tif === 'OPG') !== (mode === 'opening')) return false;
  return context.market.isRegularHours(context.now);
}

export function evaluateOrder(context: ExchangeContext, pass: MatchingPass, order: PaperOrder, mode: EvaluationMode = 'continuous'): void {
  if (!canWork(context, order, mode)) return;
  if (!order.elected) electIfTriggered(context, order);
  if (!order.elected) return;
  const instrument = order.request.instrument;
  const fills = instrument.kind === 'combo' ? comboFills(context, pass, order, instrument) : singleFills(context, pass, order, instrument);
  if (fills.length === 0) return;
  for (const child of bookFills(context, order, fills)) evaluateOrder(context, pass, child);
}

/** Every live order, in time priority, against the current market. */
export function evaluateAll(context: ExchangeContext): void {
  if (context.book.liveCount === 0 || !context.market.isRegularHours(context.now)) return;
  const pass = new MatchingPass();
  for (const order of context.book.live()) evaluateOrder(context, pass, order);
}

/** The limit the order works at now; undefined when it behaves as a market order. */
function workingLimitMicros(order: PaperOrder): number | undefined {
  const request = order.request;
  if (request.type === 'LMT') return request.limitPrice === undefined ? undefined : fromDollars(request.limitPrice);
  if (request.type === 'STP_LMT' || request.type === 'TRAIL_LIMIT') return order.electedLimitMicros;
  return undefined;
}

function singleFills(context: ExchangeContext, pass: MatchingPass, order: PaperOrder, contract: Contract): FillDraft[] {
  const quote = touchOf(context, contract);
  if (quote === undefined) return [];
  const { action, tif } = order.request;
  const remaining = remainingQuantity(order);
  const contraName = contraSideName(action);
  const limit = workingLimitMicros(order);
  let slices: readonly FillSlice[];
  let takenFrom: BookSideName = contraName;
  if (limit === undefined) {
    const consumed = pass.taken(contract, contraName);
    const { slippageBps, maximumSweepLevels } = context.config;
    slices = marketFillSlices({ action, quote, grid: priceGridOf(contract, context.market), remaining, consumed, slippageBps, maximumLevels: maximumSweepLevels });
  } else {
    const ownName = contraSideName(oppositeAction(action));
    const result = limitFill({
      action, quote, limitMicros: limit, remaining,
      consumedContra: pass.taken(contract, contraName),
      consumedOwn: pass.taken(contract, ownName),
      restsAtTouch: tif === 'DAY' || tif === 'GTC',
      drawTouchFill: () => context.random.chance(context.config.touchFillProbability),
    });
    slices = result.slices;
    if (result.takenFrom === 'own') takenFrom = ownName;
  }
  for (const slice of slices) pass.take(contract, takenFrom, slice.quantity);
  return slices.map((slice) => ({ quantity: slice.quantity, priceMicros: slice.priceMicros, executions: [{ contract, legIndex: undefined, action, quantity: slice.quantity, priceMicros: slice.priceMicros }] }));
}

function comboFills(context: ExchangeContext, pass: MatchingPass, order: PaperOrder, combo: Combo): FillDraft[] {
  const { action, type } = order.request;
  const legSide = (legAction: OrderAction) => contraSideName(action === 'BUY' ? legAction : oppositeAction(legAction));
  const market = comboMarket({
    combo,
    orderAction: action,
    quotes: combo.legs.map((leg) => touchOf(context, leg.contract)),
    consumed: combo.legs.map((leg) => pass.taken(leg.contract, legSide(leg.action))),
    marketSlippageBps: type === 'MKT' ? context.config.slippageBps : undefined,
  });
  if (market === undefined) return [];
  const limit = workingLimitMicros(order);
  if (limit !== undefined && !comboLimitMet(action, market.netMicros, limit)) return [];
  const units = Math.min(remainingQuantity(order), market.availableUnits);
  if (units <= 0) return [];
  const executions = market.legs.map((leg) => ({ contract: leg.contract, legIndex: leg.legIndex, action: leg.action, quantity: units * leg.ratio, priceMicros: leg.priceMicros }));
  for (const execution of executions) pass.take(execution.contract, contraSideName(execution.action), execution.quantity);
  return [{ quantity: units, priceMicros: market.netMicros, executions }];
}
