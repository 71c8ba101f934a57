// Custom: any set of listed option legs on one underlying (several expiries allowed), each
// contract once. No credit or debit is required; the buying power check needs a defined risk
// unless a margin function is injected (margin-requirement.ts).
import { contractKey, invalid, ORDER_ACTIONS, OPTION_RIGHTS, type OptionRight, type OrderAction } from '../../shared/domain/index.ts';
import { requireArray, requireOneOf, requirePositiveInteger } from '../../shared/domain/validate.ts';
import { requireListedExpiry, requireListedSymbol, requireParamsObject, requireQuantity, type BaseParams } from './build-inputs.ts';
import type { BuiltStrategy } from './built-strategy.ts';
import type { OptionChainPort } from './option-chain-port.ts';
import { requireListedStrike } from './strike-selection.ts';
import { assembleStrategy, type LegChoice } from './strategy-assembly.ts';
import type { StrategyBuilderPorts } from './strategy-builder-ports.ts';

export const MAXIMUM_CUSTOM_LEGS = 8;

export interface CustomLegParams {
  readonly expiry: string;
  readonly strike: number;
  readonly right: OptionRight;
  /** The side when the strategy is opened. */
  readonly action: OrderAction;
  /** Contracts per unit (default 1). */
  readonly ratio?: number;
}

export interface CustomParams extends BaseParams {
  readonly legs: readonly CustomLegParams[];
}

function legChoice(chain: OptionChainPort, symbol: string, expirations: Parameters<typeof requireListedExpiry>[1], leg: CustomLegParams, field: string): LegChoice {
  if (typeof leg !== 'object' || leg === null) invalid(field, 'must be an object { expiry, strike, right, action, ratio? }', leg);
  const expiry = requireListedExpiry(leg.expiry, expirations, symbol, `${field}.expiry`);
  const right = requireOneOf(leg.right, OPTION_RIGHTS, `${field}.right`);
  const action = requireOneOf(leg.action, ORDER_ACTIONS, `${field}.action`);
  const ratio = requirePositiveInteger(leg.ratio ?? 1, `${field}.ratio`);
  const strike = requireListedStrike(chain.strikes(symbol, expiry), leg.strike, `${field}.strike`, { symbol, expiry });
  return { quote: chain.quote(symbol, expiry, strike, right), action, ratio };
}

function requireDistinct(choices: readonly LegChoice[]): void {
  const seen = new Map<string, number>();
  choices.forEach((choice, index) => {
    const key = contractKey(choice.quote.contract);
    const earlier = seen.get(key);
    if (earlier !== undefined) invalid(`legs[${index}]`, `repeats legs[${earlier}] (each contract may appear once)`, key);
    seen.set(key, index);
  });
}

export function buildCustom(params: CustomParams, ports: StrategyBuilderPorts): BuiltStrategy {
  requireParamsObject(params);
  const { chain } = ports;
  const { symbol, expirations } = requireListedSymbol(chain, params.symbol);
  const quantity = requireQuantity(params.quantity);
  const raw = requireArray(params.legs, 'legs') as readonly CustomLegParams[];
  if (raw.length === 0 || raw.length > MAXIMUM_CUSTOM_LEGS) invalid('legs', `must have 1 to ${MAXIMUM_CUSTOM_LEGS} legs`, raw.length);
  const legs = raw.map((leg, index) => legChoice(chain, symbol, expirations, leg, `legs[${index}]`));
  requireDistinct(legs);
  return assembleStrategy({ type: 'CUSTOM', symbol, quantity, underlying: chain.underlying(symbol), legs, payoffSteps: params.payoffSteps }, ports);
}
