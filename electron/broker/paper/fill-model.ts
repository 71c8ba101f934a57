// How a single-contract order meets the quoted market (pure; prices in integer micro-dollars).
//
// - Market orders take the contra side at the touch plus slippage: max(slippageBps of the mid,
//   one tick), rounded away from the touch onto the price grid. Size beyond the displayed size
//   sweeps further "levels" of the same displayed size, each one tick worse, up to
//   `maximumLevels` per evaluation; what is left keeps working and continues on the next tick.
// - Limit orders fill only when the market reaches them (buy: ask ≤ limit, sell: bid ≥ limit) at
//   the touch, which is never worse than the limit, for at most the displayed size per
//   evaluation. A limit resting at the touch or inside the spread (buy: bid ≤ limit < ask) is the
//   best bid itself: it fills at its limit with probability p per evaluation, for up to the
//   displayed size of its own side. IOC and OPG orders never rest, so they get no touch fills.
// - Liquidity is shared within one evaluation pass: `consumed…` says how much of a side earlier
//   orders of the same pass already took.
import type { OrderAction } from '../../../shared/domain/order-types.ts';
import type { PaperQuote } from './paper-market-port.ts';
import { roundDownToGrid, roundUpToGrid, stepDown, stepUp, tickAt, type PriceGrid } from './price-grid.ts';

export interface BookSide {
  readonly priceMicros: number;
  readonly size: number;
}

export interface TouchQuote {
  readonly bid: BookSide;
  readonly ask: BookSide;
  readonly lastMicros: number | undefined;
}

export interface FillSlice {
  readonly quantity: number;
  readonly priceMicros: number;
}

function toMicros(dollars: number): number {
  return Math.round(dollars * 1_000_000);
}

/** The quote in micro-dollars, or undefined when it is unusable (not finite, negative, crossed). */
export function toTouchQuote(quote: PaperQuote): TouchQuote | undefined {
  const numbers = [quote.bid, quote.ask, quote.bidSize, quote.askSize];
  if (!numbers.every((value) => Number.isFinite(value) && value >= 0)) return undefined;
  if (quote.ask > 0 && quote.bid > quote.ask) return undefined;
  const last = quote.last !== undefined && Number.isFinite(quote.last) && quote.last > 0 ? toMicros(quote.last) : undefined;
  return {
    bid: { priceMicros: toMicros(quote.bid), size: Math.floor(quote.bidSize) },
    ask: { priceMicros: toMicros(quote.ask), size: Math.floor(quote.askSize) },
    lastMicros: last,
  };
}

/** The side an order trades against: the ask for a buy, the bid for a sell. */
export function contraSide(action: OrderAction, quote: TouchQuote): BookSide {
  return action === 'BUY' ? quote.ask : quote.bid;
}

/** The side an order rests on: the bid for a buy, the ask for a sell. */
export function ownSide(action: OrderAction, quote: TouchQuote): BookSide {
  return action === 'BUY' ? quote.bid : quote.ask;
}

function hasMarket(side: BookSide): boolean {
  return side.priceMicros > 0 && side.size > 0;
}

/** The first-level price of a market order: the touch moved by the slippage, on the grid. */
export function slippedPrice(action: OrderAction, quote: TouchQuote, grid: PriceGrid, slippageBps: number): number {
  const contra = contraSide(action, quote).priceMicros;
  const twiceMid = quote.bid.priceMicros > 0 && quote.ask.priceMicros > 0 ? quote.bid.priceMicros + quote.ask.priceMicros : 2 * contra;
  const slippage = Math.max(Math.ceil((twiceMid * slippageBps) / 20_000), tickAt(grid, contra));
  if (action === 'BUY') return roundUpToGrid(grid, contra + slippage);
  const lowest = Math.min(contra, tickAt(grid, 0));
  return Math.max(roundDownToGrid(grid, contra - slippage), lowest);
}

export interface MarketFillInput {
  readonly action: OrderAction;
  readonly quote: TouchQuote;
  readonly grid: PriceGrid;
  readonly remaining: number;
  /** Taken from the contra side earlier in this pass. */
  readonly consumed: number;
  readonly slippageBps: number;
  readonly maximumLevels: number;
}

export function marketFillSlices(input: MarketFillInput): FillSlice[] {
  const contra = contraSide(input.action, input.quote);
  if (!hasMarket(contra)) return [];
  const step = (price: number) => (input.action === 'BUY' ? stepUp(input.grid, price) : stepDown(input.grid, price));
  let level = Math.floor(input.consumed / contra.size);
  let leftAtLevel = contra.size - (input.consumed % contra.size);
  let price = slippedPrice(input.action, input.quote, input.grid, input.slippageBps);
  for (let skipped = 0; skipped < level; skipped++) price = step(price);
  const slices: FillSlice[] = [];
  let remaining = input.remaining;
  while (remaining > 0 && level < input.maximumLevels && price > 0) {
    const quantity = Math.min(remaining, leftAtLevel);
    slices.push({ quantity, priceMicros: price });
    remaining -= quantity;
    level++;
    leftAtLevel = contra.size;
    price = step(price);
  }
  return slices;
}

export interface LimitFillInput {
  readonly action: OrderAction;
  readonly quote: TouchQuote;
  readonly limitMicros: number;
  readonly remaining: number;
  readonly consumedContra: number;
  readonly consumedOwn: number;
  /** False for IOC and OPG: they never rest, so they get no touch fills. */
  readonly restsAtTouch: boolean;
  /** Draws the touch-fill chance; called only when a touch fill is possible. */
  readonly drawTouchFill: () => boolean;
}

export interface LimitFill {
  readonly slices: readonly FillSlice[];
  /** Which side of the book the fill took: the contra side (marketable) or its own (touch fill). */
  readonly takenFrom: 'contra' | 'own';
}

export function limitFill(input: LimitFillInput): LimitFill {
  const { action, quote, limitMicros } = input;
  const contra = contraSide(action, quote);
  const marketable = hasMarket(contra) && (action === 'BUY' ? contra.priceMicros <= limitMicros : contra.priceMicros >= limitMicros);
  if (marketable) {
    const quantity = Math.min(input.remaining, contra.size - input.consumedContra);
    return { slices: quantity > 0 ? [{ quantity, priceMicros: contra.priceMicros }] : [], takenFrom: 'contra' };
  }
  const own = ownSide(action, quote);
  const atOrInsideTouch = own.priceMicros > 0 && (action === 'BUY' ? limitMicros >= own.priceMicros : limitMicros <= own.priceMicros);
  const available = own.size - input.consumedOwn;
  if (!input.restsAtTouch || !atOrInsideTouch || available <= 0 || input.remaining <= 0) return { slices: [], takenFrom: 'own' };
  const filled = input.drawTouchFill();
  return { slices: filled ? [{ quantity: Math.min(input.remaining, available), priceMicros: limitMicros }] : [], takenFrom: 'own' };
}
