// How the workflows name a strategy in reasons, alerts and the journal:
// 'SPY IRON_CONDOR 2027-01-08 642P/647P/707C/712C ×1'.
import type { OptionContract } from '../../shared/domain/contract.ts';
import type { Strategy } from '../../shared/domain/strategy.ts';

export function strategyLabel(strategy: Pick<Strategy, 'underlyingSymbol' | 'type' | 'quantity'> & { readonly legs: readonly { readonly contract: OptionContract }[] }): string {
  const expiries = [...new Set(strategy.legs.map((leg) => leg.contract.expiry))].join('/');
  const strikes = strategy.legs.map((leg) => `${leg.contract.strike}${leg.contract.right === 'put' ? 'P' : 'C'}`).join('/');
  return `${strategy.underlyingSymbol} ${strategy.type} ${expiries} ${strikes} ×${strategy.quantity}`;
}

/** A number for a reason text: at most `digits` decimals, no trailing zeros. */
export function formatNumber(value: number, digits = 2): string {
  return String(Number(value.toFixed(digits)));
}
