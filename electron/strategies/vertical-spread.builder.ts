// Vertical spreads: two options of one right and expiry, ratio 1.
// - credit: BULL_PUT (long put below the short put), BEAR_CALL (long call above the short call);
//   the short leg by target |delta| (default 0.30), the long one `width` points further out
//   (default 5, the nearest listed strike beyond) or by a smaller `longDelta`;
// - debit: BULL_CALL (long call below the short call), BEAR_PUT (long put above the short put);
//   the long leg by target |delta| (default 0.50), the short one `width` points further out of
//   the money or by a smaller `shortDelta`;
// - or explicit listed `strikes: { short, long }` in the right order.
import { invalid, type IsoDate, type OptionRight } from '../../shared/domain/index.ts';
import { requireAbsent, requireListedSymbol, requireLongDelta, requireParamsObject, requireQuantity, requireShortDelta, requireWidth, selectExpiry, type BaseParams, type ExpiryParams } from './build-inputs.ts';
import type { BuiltStrategy } from './built-strategy.ts';
import type { ChainQuote, OptionChainPort } from './option-chain-port.ts';
import { requireBeyond, requireListedStrike, strikeAtWidth, type StrikeSide } from './strike-selection.ts';
import { assembleStrategy } from './strategy-assembly.ts';
import type { StrategyBuilderPorts } from './strategy-builder-ports.ts';

export const VERTICAL_SPREAD_TYPES = ['BULL_PUT', 'BEAR_CALL', 'BULL_CALL', 'BEAR_PUT'] as const;
export type VerticalSpreadType = (typeof VERTICAL_SPREAD_TYPES)[number];

export const DEFAULT_CREDIT_SHORT_DELTA = 0.3;
export const DEFAULT_DEBIT_LONG_DELTA = 0.5;
export const DEFAULT_SPREAD_WIDTH = 5;

export interface VerticalSpreadParams extends BaseParams, ExpiryParams {
  /** Credit spreads: the short leg's target |delta| in (0, 0.5), default 0.30. Debit spreads: picks the short leg instead of `width` (below longDelta). */
  readonly shortDelta?: number;
  /** Debit spreads: the long leg's target |delta| in (0, 1), default 0.50. Credit spreads: picks the long leg instead of `width` (below shortDelta). */
  readonly longDelta?: number;
  /** Points between the strikes (default 5); leave out when the second leg is picked by delta. */
  readonly width?: number;
  /** Explicit listed strikes instead of deltas and width. */
  readonly strikes?: { readonly short: number; readonly long: number };
}

interface Geometry {
  readonly right: OptionRight;
  readonly credit: boolean;
  /** Where the long strike sits relative to the short strike. */
  readonly longSide: StrikeSide;
}

const geometries: Readonly<Record<VerticalSpreadType, Geometry>> = {
  BULL_PUT: { right: 'put', credit: true, longSide: 'below' },
  BEAR_CALL: { right: 'call', credit: true, longSide: 'above' },
  BULL_CALL: { right: 'call', credit: false, longSide: 'below' },
  BEAR_PUT: { right: 'put', credit: false, longSide: 'above' },
};

const opposite = (side: StrikeSide): StrikeSide => (side === 'below' ? 'above' : 'below');

type Where = { readonly symbol: string; readonly expiry: IsoDate };
type Pair = { readonly short: ChainQuote; readonly long: ChainQuote };

function byStrikes(chain: OptionChainPort, where: Where, type: VerticalSpreadType, params: VerticalSpreadParams): Pair {
  for (const name of ['shortDelta', 'longDelta', 'width'] as const) requireAbsent(params[name], name, 'when strikes are given');
  const strikes = params.strikes;
  if (typeof strikes !== 'object' || strikes === null) invalid('strikes', 'must be an object { short, long }', strikes);
  const listed = chain.strikes(where.symbol, where.expiry);
  const short = requireListedStrike(listed, strikes.short, 'strikes.short', where);
  const long = requireListedStrike(listed, strikes.long, 'strikes.long', where);
  const { right, longSide } = geometries[type];
  if (longSide === 'below' ? !(long < short) : !(long > short)) invalid('strikes.long', `must be ${longSide} strikes.short (${short}) for ${type}`, long);
  return { short: chain.quote(where.symbol, where.expiry, short, right), long: chain.quote(where.symbol, where.expiry, long, right) };
}

/** The second leg: `width` points from the anchor (default 5), or by its own target delta. */
function secondLeg(chain: OptionChainPort, where: Where, anchor: ChainQuote, side: StrikeSide, delta: { readonly value: number | undefined; readonly field: string; readonly below: number }, width: unknown): ChainQuote {
  const { symbol, expiry } = where;
  const right = anchor.contract.right;
  if (delta.value !== undefined) {
    requireAbsent(width, 'width', `when ${delta.field} picks the second leg`);
    const target = requireLongDelta(delta.value, delta.field, delta.below, 'further out of the money than the first leg');
    const quote = chain.nearestStrikeByDelta(symbol, expiry, right, target);
    requireBeyond(quote.contract.strike, anchor.contract.strike, side, delta.field, `first leg's`, target);
    return quote;
  }
  const points = requireWidth(width ?? DEFAULT_SPREAD_WIDTH, 'width');
  return chain.quote(symbol, expiry, strikeAtWidth(chain.strikes(symbol, expiry), anchor.contract.strike, points, side, 'width'), right);
}

function byDelta(chain: OptionChainPort, where: Where, type: VerticalSpreadType, params: VerticalSpreadParams): Pair {
  const { right, credit, longSide } = geometries[type];
  if (credit) {
    const shortDelta = requireShortDelta(params.shortDelta ?? DEFAULT_CREDIT_SHORT_DELTA, 'shortDelta');
    const short = chain.nearestStrikeByDelta(where.symbol, where.expiry, right, shortDelta);
    return { short, long: secondLeg(chain, where, short, longSide, { value: params.longDelta, field: 'longDelta', below: shortDelta }, params.width) };
  }
  const longDelta = requireLongDelta(params.longDelta ?? DEFAULT_DEBIT_LONG_DELTA, 'longDelta', 1, 'the bought leg');
  const long = chain.nearestStrikeByDelta(where.symbol, where.expiry, right, longDelta);
  if (params.shortDelta !== undefined) requireShortDelta(params.shortDelta, 'shortDelta');
  const short = secondLeg(chain, where, long, opposite(longSide), { value: params.shortDelta, field: 'shortDelta', below: Math.min(longDelta, 0.5) }, params.width);
  return { short, long };
}

export function buildVerticalSpread(type: VerticalSpreadType, params: VerticalSpreadParams, ports: StrategyBuilderPorts): BuiltStrategy {
  if (!VERTICAL_SPREAD_TYPES.includes(type)) invalid('type', `must be one of ${VERTICAL_SPREAD_TYPES.join(', ')}`, type);
  requireParamsObject(params);
  const { chain } = ports;
  const { symbol, expirations } = requireListedSymbol(chain, params.symbol);
  const quantity = requireQuantity(params.quantity);
  const where = { symbol, expiry: selectExpiry(chain, symbol, expirations, params) };
  const { short, long } = params.strikes !== undefined ? byStrikes(chain, where, type, params) : byDelta(chain, where, type, params);
  const legs = [
    { quote: short, action: 'SELL' as const, ratio: 1 },
    { quote: long, action: 'BUY' as const, ratio: 1 },
  ].sort((a, b) => a.quote.contract.strike - b.quote.contract.strike);
  return assembleStrategy({ type, symbol, quantity, underlying: chain.underlying(symbol), legs, payoffSteps: params.payoffSteps }, ports);
}
