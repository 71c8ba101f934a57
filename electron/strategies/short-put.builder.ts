// Cash-secured short put, the baseline strategy: one put sold for a credit, the strike by target
// |delta| (default 0.30) or given; the buying power must cover strike × 100 × quantity − premium
// (the default margin requirement, margin-requirement.ts).
import { requireAbsent, requireListedSymbol, requireParamsObject, requireQuantity, requireShortDelta, selectExpiry, type BaseParams, type ExpiryParams } from './build-inputs.ts';
import type { BuiltStrategy } from './built-strategy.ts';
import { requireListedStrike } from './strike-selection.ts';
import { assembleStrategy } from './strategy-assembly.ts';
import type { StrategyBuilderPorts } from './strategy-builder-ports.ts';

export const DEFAULT_SHORT_PUT_DELTA = 0.3;

export interface ShortPutParams extends BaseParams, ExpiryParams {
  /** Target |delta| of the put, in (0, 0.5); default 0.30. Leave out with `strike`. */
  readonly shortDelta?: number;
  /** An explicit listed strike instead of a delta. */
  readonly strike?: number;
}

export function buildShortPut(params: ShortPutParams, ports: StrategyBuilderPorts): BuiltStrategy {
  requireParamsObject(params);
  const { chain } = ports;
  const { symbol, expirations } = requireListedSymbol(chain, params.symbol);
  const quantity = requireQuantity(params.quantity);
  const expiry = selectExpiry(chain, symbol, expirations, params);
  if (params.strike !== undefined) requireAbsent(params.shortDelta, 'shortDelta', 'when strike is given');
  const quote =
    params.strike !== undefined
      ? chain.quote(symbol, expiry, requireListedStrike(chain.strikes(symbol, expiry), params.strike, 'strike', { symbol, expiry }), 'put')
      : chain.nearestStrikeByDelta(symbol, expiry, 'put', requireShortDelta(params.shortDelta ?? DEFAULT_SHORT_PUT_DELTA, 'shortDelta'));
  return assembleStrategy({ type: 'SHORT_PUT', symbol, quantity, underlying: chain.underlying(symbol), legs: [{ quote, action: 'SELL', ratio: 1 }], payoffSteps: params.payoffSteps }, ports);
}
