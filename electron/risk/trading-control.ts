// The trading state as callers set it, and the rules for moving it:
// - halt: HALTED (the stronger state wins; latched stays latched);
// - reduce-only: REDUCING, unless HALTED (a halt is never softened this way);
// - resume: back to ACTIVE from a state that is NOT latched (automation may do this);
// - rearm: back to ACTIVE from anything, latched or not: the explicit human reset (the governor
//   refuses it while the daily loss breach still holds, risk-governor.ts).
// A latched state stays until rearm, even after its cause clears.
import type { TradingState } from '../../shared/domain/risk.ts';

export interface TradingControl {
  readonly tradingState: TradingState;
  /** Why trading is REDUCING or HALTED; undefined when ACTIVE. */
  readonly reason: string | undefined;
  readonly latched: boolean;
}

export const ACTIVE_CONTROL: TradingControl = Object.freeze({ tradingState: 'ACTIVE', reason: undefined, latched: false });

export type ControlRelease = { readonly ok: true; readonly control: TradingControl } | { readonly ok: false; readonly reason: string };

export function haltedControl(current: TradingControl, reason: string, latched: boolean): TradingControl {
  if (current.tradingState === 'HALTED' && (current.latched || !latched)) return current;
  return Object.freeze({ tradingState: 'HALTED', reason, latched: latched || current.latched });
}

export function reducingControl(current: TradingControl, reason: string, latched: boolean): TradingControl {
  if (current.tradingState === 'HALTED') return current;
  if (current.tradingState === 'REDUCING' && (current.latched || !latched)) return current;
  return Object.freeze({ tradingState: 'REDUCING', reason, latched: latched || current.latched });
}

export function resumedControl(current: TradingControl): ControlRelease {
  if (current.latched) return { ok: false, reason: `trading is ${current.tradingState} and latched (${current.reason ?? 'no reason given'}): only rearm can reset it` };
  return { ok: true, control: ACTIVE_CONTROL };
}

export function sameControl(a: TradingControl, b: TradingControl): boolean {
  return a.tradingState === b.tradingState && a.reason === b.reason && a.latched === b.latched;
}
