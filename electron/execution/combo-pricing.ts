// Prices of an order from top-of-book quotes, exact in cents: the mid and the natural price
// (what crossing the spread costs: buy at the ask, sell at the bid). A combo's prices are net
// per unit, debit positive, credit negative (IB BAG convention); a SELL order of a combo trades
// each leg on the other side. The quote source is a port: the market-data service or the paper
// market adapt to it.
import type { Combo } from '../../shared/domain/combo.ts';
import type { Contract } from '../../shared/domain/contract.ts';
import type { Instrument } from '../../shared/domain/instrument.ts';
import { actionSign, oppositeAction, type OrderAction } from '../../shared/domain/order-types.ts';

export interface QuoteSource {
  /** The current quote per share, or undefined when the contract is not quoted. A side with no market is 0. */
  quote(contract: Contract): { readonly bid: number; readonly ask: number } | undefined;
}

export interface OrderPrices {
  /** Rounded to the cent in the trader's favour (a buyer rounds down, a seller up). */
  readonly mid: number;
  readonly natural: number;
}

export const toCents = (dollars: number): number => Math.round(dollars * 100);
/** Dollars from cents; never -0 (a zero limit is written 0). */
export const fromCents = (cents: number): number => (cents === 0 ? 0 : cents / 100);

interface LegSide {
  readonly contract: Contract;
  readonly ratio: number;
  /** The side this leg trades in the order. */
  readonly action: OrderAction;
}

function legsOf(instrument: Instrument, action: OrderAction): LegSide[] {
  if (instrument.kind !== 'combo') return [{ contract: instrument, ratio: 1, action }];
  return (instrument as Combo).legs.map((leg) => ({ contract: leg.contract, ratio: leg.ratio, action: action === 'BUY' ? leg.action : oppositeAction(leg.action) }));
}

/**
 * Mid and natural per unit for trading `instrument` with `action`, in the order's own price
 * terms (a combo: net as bought, debit positive; a single contract: its price). Undefined when a
 * leg lacks a two-sided quote.
 */
export function orderPrices(instrument: Instrument, action: OrderAction, quotes: QuoteSource): OrderPrices | undefined {
  let midHalfCents = 0;
  let naturalCents = 0;
  // Net as bought: a leg's sign is its action when the combo is bought (flipped back for a SELL order).
  const orderSign = actionSign(action);
  for (const leg of legsOf(instrument, action)) {
    const quote = quotes.quote(leg.contract);
    if (quote === undefined || !(quote.bid > 0) || !(quote.ask >= quote.bid)) return undefined;
    const sign = actionSign(leg.action) * orderSign;
    midHalfCents += sign * leg.ratio * (toCents(quote.bid) + toCents(quote.ask));
    naturalCents += sign * leg.ratio * toCents(leg.action === 'BUY' ? quote.ask : quote.bid);
  }
  const mid = action === 'BUY' ? Math.floor(midHalfCents / 2) : Math.ceil(midHalfCents / 2);
  return { mid: fromCents(mid), natural: fromCents(naturalCents) };
}
