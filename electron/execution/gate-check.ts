// Asking the pre-trade gate. The verdict is binding; a gate that throws fails closed (a denial
// naming the failure), so a broken governor can never wave an order through.
import type { OrderIntent, PreTradeGate } from '../risk/pre-trade-gate.ts';
import type { RiskDenial } from '../../shared/domain/risk.ts';
import { errorText } from './broker-call.ts';

export type GateCheck = { readonly allowed: true } | { readonly allowed: false; readonly denial: RiskDenial; readonly message: string };

export function checkGate(gate: PreTradeGate, intent: OrderIntent): GateCheck {
  let verdict;
  try {
    verdict = gate.check(intent);
  } catch (error) {
    const denial: RiskDenial = { code: 'INVALID_ORDER', reason: `the pre-trade gate failed (${errorText(error)}); failing closed` };
    return { allowed: false, denial, message: denialMessage(denial) };
  }
  if (verdict.allowed) return { allowed: true };
  return { allowed: false, denial: verdict.denial, message: denialMessage(verdict.denial) };
}

export function denialMessage(denial: RiskDenial): string {
  return `risk denied (${denial.code}): ${denial.reason}`;
}
