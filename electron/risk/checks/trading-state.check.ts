// ACTIVE allows everything; REDUCING only orders that reduce every position they touch; HALTED
// nothing (the kill switch's flatten orders use their own gate, see flatten-gate.ts).
import type { TradingState } from '../../../shared/domain/risk.ts';
import { deny, type CheckResult } from './denial.ts';

export function checkTradingState(state: TradingState, reason: string | undefined, reducesRisk: boolean): CheckResult {
  const because = reason === undefined ? '' : `: ${reason}`;
  if (state === 'HALTED') return deny('TRADING_HALTED', `trading is halted${because}`);
  if (state === 'REDUCING' && !reducesRisk) return deny('REDUCING_ONLY', `trading is reduce-only${because}; this order does not reduce every position it touches`);
  return undefined;
}
