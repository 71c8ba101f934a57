// How a combo order meets the market (pure; micro-dollars). All legs fill together or none does.
//
// - Each leg trades on the side its effective action takes: the combo's BUY keeps the legs'
//   actions, SELL flips them. Legs bought pay their ask, legs sold receive their bid (a combo
//   market order applies the single-order slippage to each leg).
// - The net price per combo unit follows IB's BAG convention: Σ ±ratio × leg price with the
//   legs' own (BUY-combo) actions as signs, so a debit is positive and a credit negative,
//   whichever way the combo is traded. A BUY fills when net ≤ limit, a SELL when net ≥ limit.
// - The fill happens at the natural price itself (never worse than the limit), so every leg
//   executes at its own touch and the legs' prices sum exactly to the reported net price: no
//   allocation rounding is needed. Units available per evaluation: the minimum over legs of
//   ⌊displayed size left / ratio⌋.
import type { Combo } from '../../../shared/domain/combo.ts';
import type { OptionContract } from '../../../shared/domain/contract.ts';
import { oppositeAction, type OrderAction } from '../../../shared/domain/order-types.ts';
import { contraSide, slippedPrice, type TouchQuote } from './fill-model.ts';

export interface ComboLegPrice {
  readonly legIndex: number;
  readonly contract: OptionContract;
  /** The action this leg trades with in this order. */
  readonly action: OrderAction;
  readonly ratio: number;
  readonly priceMicros: number;
}

export interface ComboMarket {
  /** Net per combo unit, debit positive. */
  readonly netMicros: number;
  readonly legs: readonly ComboLegPrice[];
  /** Whole combo units the displayed sizes allow now. */
  readonly availableUnits: number;
}

export interface ComboMarketInput {
  readonly combo: Combo;
  readonly orderAction: OrderAction;
  /** One per leg, undefined when the leg has no usable quote. */
  readonly quotes: ReadonlyArray<TouchQuote | undefined>;
  /** Contracts already taken from each leg's contra side in this pass. */
  readonly consumed: readonly number[];
  /** undefined for a limit order (legs at the touch); the slippage for a market order. */
  readonly marketSlippageBps: number | undefined;
}

/** The price and size the combo can trade at now, or undefined when a leg has no market on the needed side. */
export function comboMarket(input: ComboMarketInput): ComboMarket | undefined {
  const legs: ComboLegPrice[] = [];
  let netMicros = 0;
  let availableUnits = Number.POSITIVE_INFINITY;
  for (const [legIndex, leg] of input.combo.legs.entries()) {
    const quote = input.quotes[legIndex];
    const action = input.orderAction === 'BUY' ? leg.action : oppositeAction(leg.action);
    const contra = quote === undefined ? undefined : contraSide(action, quote);
    if (quote === undefined || contra === undefined || contra.priceMicros <= 0 || contra.size <= 0) return undefined;
    const priceMicros = input.marketSlippageBps === undefined ? contra.priceMicros : slippedPrice(action, quote, 'option', input.marketSlippageBps);
    legs.push({ legIndex, contract: leg.contract, action, ratio: leg.ratio, priceMicros });
    netMicros += (leg.action === 'BUY' ? 1 : -1) * leg.ratio * priceMicros;
    availableUnits = Math.min(availableUnits, Math.floor((contra.size - (input.consumed[legIndex] ?? 0)) / leg.ratio));
  }
  return { netMicros, legs, availableUnits: Math.max(0, availableUnits) };
}

/** Whether a combo limit is met by the net price: BUY pays at most the limit, SELL receives at least it. */
export function comboLimitMet(orderAction: OrderAction, netMicros: number, limitMicros: number): boolean {
  return orderAction === 'BUY' ? netMicros <= limitMicros : netMicros >= limitMicros;
}
