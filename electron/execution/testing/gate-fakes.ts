// Hand-written pre-trade gates for tests: allow everything, deny everything with a reason, or
// follow a script. Each records the intents it was asked about; two count (or fail to count) cancels.
import type { GateVerdict, OrderIntent, PreTradeGate } from '../../risk/pre-trade-gate.ts';
import type { RiskDenial } from '../../../shared/domain/risk.ts';

export class AllowAllGate implements PreTradeGate {
  readonly intents: OrderIntent[] = [];

  check(intent: OrderIntent): GateVerdict {
    this.intents.push(intent);
    return { allowed: true };
  }
}

export class DenyingGate implements PreTradeGate {
  readonly intents: OrderIntent[] = [];
  readonly #denial: RiskDenial;

  constructor(denial: RiskDenial = { code: 'TRADING_HALTED', reason: 'trading is halted' }) {
    this.#denial = denial;
  }

  check(intent: OrderIntent): GateVerdict {
    this.intents.push(intent);
    return { allowed: false, denial: this.#denial };
  }
}

/** Denies the intents a rule matches (first matching rule wins), allows the rest. */
export class ScriptedGate implements PreTradeGate {
  readonly intents: OrderIntent[] = [];
  readonly #rules: { readonly matches: (intent: OrderIntent) => boolean; readonly denial: RiskDenial; remaining: number }[] = [];

  /** Denies the next `times` intents that `matches` accepts. */
  deny(matches: (intent: OrderIntent) => boolean, denial: RiskDenial, times = Number.POSITIVE_INFINITY): this {
    this.#rules.push({ matches, denial, remaining: times });
    return this;
  }

  check(intent: OrderIntent): GateVerdict {
    this.intents.push(intent);
    const rule = this.#rules.find((candidate) => candidate.remaining > 0 && candidate.matches(intent));
    if (rule === undefined) return { allowed: true };
    rule.remaining -= 1;
    return { allowed: false, denial: rule.denial };
  }
}

/** A gate whose check throws (a broken governor): the OMS must fail closed. */
export class ThrowingGate implements PreTradeGate {
  check(): GateVerdict {
    throw new Error('governor state unavailable');
  }
}

/** Allows everything and counts the cancel messages the OMS reports (PreTradeGate.recordCancel). */
export class CancelCountingGate extends AllowAllGate {
  cancels = 0;

  recordCancel(): void {
    this.cancels += 1;
  }
}

/** Allows everything but fails when a cancel is counted (a broken governor must not stop a cancel). */
export class FailingCancelCountGate extends AllowAllGate {
  recordCancel(): void {
    throw new Error('throttle state unavailable');
  }
}
