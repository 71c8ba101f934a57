// The kill switch's flatten channel. While HALTED the automation gate refuses everything,
// reducing orders included; the kill switch flattens through this gate instead. It admits an
// order only if it reduces every position it touches without flipping it (computed from current
// positions, so it can never open risk), the broker state is reconciled (unknown is not flat:
// flattening stale positions could open new ones) and the broker is connected. It skips the
// limits that would trap an exit (size, collar, duplicates, portfolio limits); its orders are
// counted by the rate throttle but never refused by it. When not HALTED it is exactly the
// automation gate. Automation never gets this object: the composition root hands
// `governor.flattenGate` to the kill switch only.
import { deny, type CheckResult } from './checks/denial.ts';
import { checkConnected, checkReconciled } from './checks/readiness.check.ts';
import type { OrderGate } from './order-gate.ts';
import type { GateVerdict, OrderIntent, PreTradeGate } from './pre-trade-gate.ts';

export interface FlattenFacts {
  readonly reconciled: boolean;
  readonly unreconciledReason: string | undefined;
  readonly connected: boolean;
  readonly reducesRisk: boolean;
}

export function evaluateFlatten(facts: FlattenFacts): CheckResult {
  return (
    checkReconciled(facts.reconciled, facts.unreconciledReason) ??
    checkConnected(facts.connected) ??
    (facts.reducesRisk ? undefined : deny('TRADING_HALTED', 'trading is halted: the flatten gate admits only orders that reduce every position they touch without flipping it'))
  );
}

export class FlattenGate implements PreTradeGate {
  readonly #orders: OrderGate;

  constructor(orders: OrderGate) {
    this.#orders = orders;
  }

  check(intent: OrderIntent): GateVerdict {
    return this.#orders.check(intent, 'flatten');
  }
}
