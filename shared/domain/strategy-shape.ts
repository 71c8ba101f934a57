// What each named strategy type must look like, so a Strategy labelled IRON_CONDOR is one.
// CUSTOM accepts any legs (still distinct and on one underlying, checked in strategy.ts).
import type { OptionRight } from './contract.ts';
import { invalid } from './errors.ts';
import type { OrderAction } from './order-types.ts';
import type { LegRole, StrategyLeg, StrategyType } from './strategy.ts';

/** The role a leg plays, from its side and right. */
export function legRole(action: OrderAction, right: OptionRight): LegRole {
  return `${action === 'BUY' ? 'long' : 'short'}_${right}`;
}

/** Required roles in ascending strike order (ties allowed only where marked with ≤ below). */
const shapes: Readonly<Record<Exclude<StrategyType, 'CUSTOM'>, readonly LegRole[]>> = {
  SHORT_PUT: ['short_put'],
  BULL_PUT: ['long_put', 'short_put'],
  BEAR_PUT: ['short_put', 'long_put'],
  BULL_CALL: ['long_call', 'short_call'],
  BEAR_CALL: ['short_call', 'long_call'],
  // An iron butterfly (short put strike = short call strike) counts as an iron condor.
  IRON_CONDOR: ['long_put', 'short_put', 'short_call', 'long_call'],
};

function requireSameExpiryAndUnitRatios(type: StrategyType, legs: readonly StrategyLeg[]): void {
  const expiry = legs[0]?.contract.expiry;
  legs.forEach((leg, index) => {
    if (leg.contract.expiry !== expiry) invalid(`legs[${index}].contract.expiry`, `must be ${String(expiry)} like legs[0] for type ${type}`, leg.contract.expiry);
    if (leg.ratio !== 1) invalid(`legs[${index}].ratio`, `must be 1 for type ${type} (size it with quantity)`, leg.ratio);
  });
}

/** Throws unless `legs` have exactly the roles, strike order, expiry and ratios of `type`. */
export function requireStrategyShape(type: StrategyType, legs: readonly StrategyLeg[]): void {
  if (type === 'CUSTOM') return;
  const roles = shapes[type];
  const sorted = [...legs].sort((a, b) => a.contract.strike - b.contract.strike || roles.indexOf(a.role) - roles.indexOf(b.role));
  const actual = sorted.map((leg) => leg.role);
  if (actual.length !== roles.length || actual.some((role, index) => role !== roles[index])) {
    invalid('legs', `must be ${roles.join(', ')} in ascending strike order for type ${type}`, actual.join(', '));
  }
  for (let index = 1; index < sorted.length; index += 1) {
    const lower = sorted[index - 1];
    const upper = sorted[index];
    if (lower === undefined || upper === undefined) continue;
    const tieAllowed = lower.role === 'short_put' && upper.role === 'short_call';
    if (lower.contract.strike === upper.contract.strike && !tieAllowed) {
      invalid('legs', `need the ${lower.role} strike below the ${upper.role} strike for type ${type}`, lower.contract.strike);
    }
  }
  requireSameExpiryAndUnitRatios(type, legs);
}
