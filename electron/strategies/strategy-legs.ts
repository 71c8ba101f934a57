// A built strategy's legs in the shapes the option mathematics takes: signed contracts of the
// whole position (ratio × quantity, + long, − short), entry at the build-time mid.
import { actionSign } from '../../shared/domain/index.ts';
import type { PayoffOptionLeg } from '../../shared/options/index.ts';
import type { BuiltLeg, BuiltStrategy } from './built-strategy.ts';
import type { ProfileLeg } from './expiry-profile.ts';

function signedContracts(leg: BuiltLeg, quantity: number): number {
  return actionSign(leg.action) * leg.ratio * quantity;
}

export function profileLegsOf(legs: readonly BuiltLeg[], quantity: number): ProfileLeg[] {
  return legs.map((leg) => ({
    right: leg.contract.right,
    strike: leg.contract.strike,
    multiplier: leg.contract.multiplier,
    contracts: signedContracts(leg, quantity),
    entryPrice: leg.entryPrice,
  }));
}

/** Legs for shared/options payoffAtExpiry / payoffToday / payoffCurve (P&L of the whole position). */
export function payoffLegsOf(legs: readonly BuiltLeg[], quantity: number): PayoffOptionLeg[] {
  return legs.map((leg) => ({
    right: leg.contract.right,
    strike: leg.contract.strike,
    quantity: signedContracts(leg, quantity),
    multiplier: leg.contract.multiplier,
    entryPrice: leg.entryPrice,
    volatility: leg.impliedVolatility,
    years: leg.yearsToExpiry,
  }));
}

/** payoffLegsOf for a whole built strategy. */
export function payoffLegsOfStrategy(strategy: Pick<BuiltStrategy, 'legs' | 'quantity'>): PayoffOptionLeg[] {
  return payoffLegsOf(strategy.legs, strategy.quantity);
}
