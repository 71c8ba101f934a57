// The alert for a decision of the rule engine that acts (the monitoring workflow raises it with
// manager.raise(decisionAlert(decision))). HOLD raises nothing.
//
// Severity follows how hard the decision chases the fill:
// - MARKETABLE (stop loss, expiry pin risk, …): critical;
// - a CLOSE at the mid (take profit): info, routine;
// - anything else (walking limits, rolls and reductions at the mid): warning.
// Dedup by strategy and rule: a monitoring cycle every 30 s repeats the same decision until it
// is executed, and that is one condition. The source 'decisions:<rule>' throttles per rule.
import type { Decision } from '../../../shared/domain/decision.ts';
import type { AlertSeverity } from '../../../shared/domain/alert.ts';
import type { RaiseAlertInput } from '../alert-types.ts';

export interface DecisionAlertContext {
  /** How to name the position, e.g. 'SPY iron condor 2026-04-17'; default 'strategy <id>'. */
  readonly label?: string | undefined;
}

const urgencyText = { LIMIT_AT_MID: 'limit at mid', WALKING_LIMIT: 'walking limit', MARKETABLE: 'marketable' } as const;

export function decisionSeverity(decision: Pick<Decision, 'action' | 'urgency'>): AlertSeverity {
  if (decision.urgency === 'MARKETABLE') return 'critical';
  if (decision.action === 'CLOSE' && decision.urgency === 'LIMIT_AT_MID') return 'info';
  return 'warning';
}

/** The raise input for an acting decision; undefined for HOLD. */
export function decisionAlert(decision: Decision, context: DecisionAlertContext = {}): RaiseAlertInput | undefined {
  if (decision.action === 'HOLD') return undefined;
  const rule = decision.ruleId ?? 'unknown-rule';
  const label = context.label !== undefined && context.label.trim().length > 0 ? context.label : `strategy ${decision.strategyId}`;
  const how = decision.urgency === undefined ? '' : `, ${urgencyText[decision.urgency]}`;
  return {
    severity: decisionSeverity(decision),
    source: `decisions:${rule}`,
    message: `${decision.action} ${label}${actionDetail(decision)} (${rule}${how}): ${decision.reason}`,
    dedupKey: `decision:${decision.strategyId}:${rule}`,
    details: {
      decisionId: decision.id,
      strategyId: decision.strategyId,
      action: decision.action,
      urgency: decision.urgency,
      ruleId: rule,
      reduceQuantity: decision.reduceQuantity,
      rollTarget: decision.rollTarget?.description,
    },
  };
}

function actionDetail(decision: Decision): string {
  if (decision.action === 'REDUCE' && decision.reduceQuantity !== undefined) return ` by ${decision.reduceQuantity}`;
  if (decision.action === 'ROLL' && decision.rollTarget !== undefined) return ` to ${decision.rollTarget.description}`;
  return '';
}
