// Iron condor: long put wing < short put ≤ short call < long call wing, one expiry, all ratio 1,
// opened for a credit. Short strikes by target |delta| (default 0.16) or explicit strikes; wings
// by a width in points (default 5; the listed strike nearest it, strictly beyond the short) or
// by a smaller target |delta|; the expiry given or nearest the target days (default 45).
import { invalid, type IsoDate } from '../../shared/domain/index.ts';
import { requireAbsent, requireListedSymbol, requireLongDelta, requireParamsObject, requireQuantity, requireShortDelta, requireWidth, selectExpiry, type BaseParams, type ExpiryParams } from './build-inputs.ts';
import type { BuiltStrategy } from './built-strategy.ts';
import type { ChainQuote, OptionChainPort } from './option-chain-port.ts';
import { requireBeyond, requireListedStrike, strikeAtWidth } from './strike-selection.ts';
import { assembleStrategy } from './strategy-assembly.ts';
import type { StrategyBuilderPorts } from './strategy-builder-ports.ts';

export const DEFAULT_IRON_CONDOR_SHORT_DELTA = 0.16;
export const DEFAULT_IRON_CONDOR_WING_WIDTH = 5;

export interface IronCondorStrikes {
  readonly longPut: number;
  readonly shortPut: number;
  readonly shortCall: number;
  readonly longCall: number;
}

/** Both wings the same way: `width` points from each short strike, or the listed strikes nearest `delta`. One of the two. */
export interface WingParams {
  readonly width?: number;
  readonly delta?: number;
}

export interface IronCondorParams extends BaseParams, ExpiryParams {
  /** Target |delta| of both short legs, in (0, 0.5); default 0.16. Leave out with `strikes`. */
  readonly shortDelta?: number;
  /** Default { width: 5 }. Leave out with `strikes`. */
  readonly wings?: WingParams;
  /** Explicit listed strikes instead of deltas. */
  readonly strikes?: IronCondorStrikes;
}

type Where = { readonly symbol: string; readonly expiry: IsoDate };
type CondorQuotes = readonly [ChainQuote, ChainQuote, ChainQuote, ChainQuote];

function requireAbove(upper: number, lower: number, field: string, lowerName: string, allowEqual = false): void {
  if (upper < lower || (upper === lower && !allowEqual)) invalid(field, `must be ${allowEqual ? 'at or ' : ''}above ${lowerName} (${lower})`, upper);
}

function byStrikes(chain: OptionChainPort, where: Where, params: IronCondorParams, strikes: IronCondorStrikes): CondorQuotes {
  requireAbsent(params.shortDelta, 'shortDelta', 'when strikes are given');
  requireAbsent(params.wings, 'wings', 'when strikes are given');
  if (typeof strikes !== 'object' || strikes === null) invalid('strikes', 'must be an object { longPut, shortPut, shortCall, longCall }', strikes);
  const listed = chain.strikes(where.symbol, where.expiry);
  const longPut = requireListedStrike(listed, strikes.longPut, 'strikes.longPut', where);
  const shortPut = requireListedStrike(listed, strikes.shortPut, 'strikes.shortPut', where);
  const shortCall = requireListedStrike(listed, strikes.shortCall, 'strikes.shortCall', where);
  const longCall = requireListedStrike(listed, strikes.longCall, 'strikes.longCall', where);
  requireAbove(shortPut, longPut, 'strikes.shortPut', 'strikes.longPut');
  requireAbove(shortCall, shortPut, 'strikes.shortCall', 'strikes.shortPut', true);
  requireAbove(longCall, shortCall, 'strikes.longCall', 'strikes.shortCall');
  const quote = (strike: number, right: 'call' | 'put'): ChainQuote => chain.quote(where.symbol, where.expiry, strike, right);
  return [quote(longPut, 'put'), quote(shortPut, 'put'), quote(shortCall, 'call'), quote(longCall, 'call')];
}

function wingsOf(params: IronCondorParams): WingParams {
  const wings = params.wings ?? { width: DEFAULT_IRON_CONDOR_WING_WIDTH };
  if (typeof wings !== 'object' || wings === null) invalid('wings', 'must be { width } or { delta }', wings);
  if (wings.width !== undefined && wings.delta !== undefined) invalid('wings', 'must give either width or delta, not both', wings);
  if (wings.width === undefined && wings.delta === undefined) invalid('wings', 'must give width or delta', wings);
  return wings;
}

function byDelta(chain: OptionChainPort, where: Where, params: IronCondorParams): CondorQuotes {
  const shortDelta = requireShortDelta(params.shortDelta ?? DEFAULT_IRON_CONDOR_SHORT_DELTA, 'shortDelta');
  const wings = wingsOf(params);
  const { symbol, expiry } = where;
  const shortPut = chain.nearestStrikeByDelta(symbol, expiry, 'put', shortDelta);
  const shortCall = chain.nearestStrikeByDelta(symbol, expiry, 'call', shortDelta);
  const [putStrike, callStrike] = [shortPut.contract.strike, shortCall.contract.strike];
  if (callStrike < putStrike) invalid('shortDelta', `must pick a short call at or above the short put (it picks put ${putStrike}, call ${callStrike})`, shortDelta);
  if (wings.delta !== undefined) {
    const wingDelta = requireLongDelta(wings.delta, 'wings.delta', shortDelta, 'wings further out of the money than the short legs');
    const longPut = chain.nearestStrikeByDelta(symbol, expiry, 'put', wingDelta);
    const longCall = chain.nearestStrikeByDelta(symbol, expiry, 'call', wingDelta);
    requireBeyond(longPut.contract.strike, putStrike, 'below', 'wings.delta', 'short put', wingDelta);
    requireBeyond(longCall.contract.strike, callStrike, 'above', 'wings.delta', 'short call', wingDelta);
    return [longPut, shortPut, shortCall, longCall];
  }
  const width = requireWidth(wings.width, 'wings.width');
  const listed = chain.strikes(symbol, expiry);
  const longPut = chain.quote(symbol, expiry, strikeAtWidth(listed, putStrike, width, 'below', 'wings.width'), 'put');
  const longCall = chain.quote(symbol, expiry, strikeAtWidth(listed, callStrike, width, 'above', 'wings.width'), 'call');
  return [longPut, shortPut, shortCall, longCall];
}

export function buildIronCondor(params: IronCondorParams, ports: StrategyBuilderPorts): BuiltStrategy {
  requireParamsObject(params);
  const { chain } = ports;
  const { symbol, expirations } = requireListedSymbol(chain, params.symbol);
  const quantity = requireQuantity(params.quantity);
  const where = { symbol, expiry: selectExpiry(chain, symbol, expirations, params) };
  const [longPut, shortPut, shortCall, longCall] = params.strikes !== undefined ? byStrikes(chain, where, params, params.strikes) : byDelta(chain, where, params);
  return assembleStrategy(
    {
      type: 'IRON_CONDOR',
      symbol,
      quantity,
      underlying: chain.underlying(symbol),
      legs: [
        { quote: longPut, action: 'BUY', ratio: 1 },
        { quote: shortPut, action: 'SELL', ratio: 1 },
        { quote: shortCall, action: 'SELL', ratio: 1 },
        { quote: longCall, action: 'BUY', ratio: 1 },
      ],
      payoffSteps: params.payoffSteps,
    },
    ports,
  );
}
