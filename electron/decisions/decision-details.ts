// Reading a decision's rule details back from its trace, for the exit workflow: the domain's
// RollTarget has no side, so the side a ROLL moves is read from the deciding rule's inputs.
import type { Decision, RuleTraceEntry } from '../../shared/domain/decision.ts';
import type { RollSide } from './decision-rule.ts';

/** The trace entry of the rule that decided (undefined for a rule-less HOLD). */
export function decidingEntry(decision: Decision): RuleTraceEntry | undefined {
  return decision.ruleId === undefined ? undefined : decision.trace.find((entry) => entry.ruleId === decision.ruleId && entry.fired);
}

/** Which legs a ROLL decision moves: 'put' or 'call' (the tested side) or 'all'; undefined otherwise. */
export function rollSideOf(decision: Decision): RollSide | undefined {
  if (decision.action !== 'ROLL') return undefined;
  const side = decidingEntry(decision)?.inputs.rollSide;
  return side === 'put' || side === 'call' || side === 'all' ? side : undefined;
}
