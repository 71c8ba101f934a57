// One entry point for every builder: buildStrategy(type, params, ports) dispatches on the
// strategy type (the four vertical types share one builder).
import { STRATEGY_TYPES, type StrategyType } from '../../shared/domain/index.ts';
import { requireOneOf } from '../../shared/domain/validate.ts';
import type { BuiltStrategy } from './built-strategy.ts';
import { buildCustom, type CustomParams } from './custom.builder.ts';
import { buildIronCondor, type IronCondorParams } from './iron-condor.builder.ts';
import { buildShortPut, type ShortPutParams } from './short-put.builder.ts';
import type { StrategyBuilderPorts } from './strategy-builder-ports.ts';
import { buildVerticalSpread, type VerticalSpreadParams } from './vertical-spread.builder.ts';

export interface StrategyParamsByType {
  readonly IRON_CONDOR: IronCondorParams;
  readonly BULL_PUT: VerticalSpreadParams;
  readonly BEAR_CALL: VerticalSpreadParams;
  readonly BULL_CALL: VerticalSpreadParams;
  readonly BEAR_PUT: VerticalSpreadParams;
  readonly SHORT_PUT: ShortPutParams;
  readonly CUSTOM: CustomParams;
}

/** A build request as data (for configs and IPC): `{ type: 'IRON_CONDOR', params: { symbol: 'SPY' } }`. */
export type StrategyRequest = { readonly [T in StrategyType]: { readonly type: T; readonly params: StrategyParamsByType[T] } }[StrategyType];

export type StrategyBuilder<Params> = (params: Params, ports: StrategyBuilderPorts) => BuiltStrategy;

export const StrategyBuilders: { readonly [T in StrategyType]: StrategyBuilder<StrategyParamsByType[T]> } = Object.freeze({
  IRON_CONDOR: buildIronCondor,
  BULL_PUT: (params: VerticalSpreadParams, ports: StrategyBuilderPorts) => buildVerticalSpread('BULL_PUT', params, ports),
  BEAR_CALL: (params: VerticalSpreadParams, ports: StrategyBuilderPorts) => buildVerticalSpread('BEAR_CALL', params, ports),
  BULL_CALL: (params: VerticalSpreadParams, ports: StrategyBuilderPorts) => buildVerticalSpread('BULL_CALL', params, ports),
  BEAR_PUT: (params: VerticalSpreadParams, ports: StrategyBuilderPorts) => buildVerticalSpread('BEAR_PUT', params, ports),
  SHORT_PUT: buildShortPut,
  CUSTOM: buildCustom,
});

/** Builds and validates a strategy of `type`; throws DomainValidationError (field = the parameter) or AppError('insufficient-buying-power'). */
export function buildStrategy<T extends StrategyType>(type: T, params: StrategyParamsByType[T], ports: StrategyBuilderPorts): BuiltStrategy {
  const checked = requireOneOf(type, STRATEGY_TYPES, 'type') as T;
  const builder = StrategyBuilders[checked] as StrategyBuilder<StrategyParamsByType[T]>;
  return builder(params, ports);
}

/** buildStrategy for a request given as data. */
export function buildStrategyRequest(request: StrategyRequest, ports: StrategyBuilderPorts): BuiltStrategy {
  return buildStrategy(request.type, request.params as StrategyParamsByType[typeof request.type], ports);
}
