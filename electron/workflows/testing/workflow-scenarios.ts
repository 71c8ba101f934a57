// Steps the workflow tests share: open a strategy through the entry workflow and wait for its
// fill, and hand-made decisions for the exit workflow (a valid domain Decision with a one-rule
// trace, the roll side in the deciding rule's inputs as the decision engine writes it).
import { createDecision, type Decision, type DecisionAction, type Urgency } from '../../../shared/domain/decision.ts';
import type { StrategyType } from '../../../shared/domain/strategy.ts';
import type { Strategy } from '../../../shared/domain/strategy.ts';
import type { WorkflowHarness } from './workflow-harness.ts';

/** Enters `type` on `symbol` and advances until the strategy is OPEN; throws when it did not open. */
export async function openStrategy(harness: WorkflowHarness, type: StrategyType, params: object = {}, symbol = 'SPY'): Promise<Strategy> {
  const result = await harness.workflows.entry.executeEntry(symbol, type, params);
  const id = result.strategyId;
  if (result.status !== 'placed' || id === undefined) throw new Error(`the entry was not placed: ${result.reasons.join('; ')}`);
  const opened = await harness.advanceUntil(() => harness.workflows.tracker.get(id)?.status === 'OPEN', 300_000);
  if (!opened) throw new Error(`strategy ${id} did not open: ${harness.workflows.tracker.get(id)?.statusReason}`);
  return harness.workflows.tracker.get(id) as Strategy;
}

/** Advances until the strategy reaches `status` (or `maxMs` passed). */
export async function waitForStatus(harness: WorkflowHarness, id: string, status: Strategy['status'], maxMs = 300_000): Promise<Strategy> {
  await harness.advanceUntil(() => harness.workflows.tracker.get(id)?.status === status, maxMs);
  return harness.workflows.tracker.get(id) as Strategy;
}

export interface HandDecisionInput {
  readonly action: DecisionAction;
  readonly urgency?: Urgency;
  readonly ruleId?: string;
  readonly reduceQuantity?: number;
  readonly rollTarget?: { readonly expiry?: string; readonly targetDelta?: number; readonly description: string };
  readonly rollSide?: 'put' | 'call' | 'all';
}

export function handDecision(strategy: Pick<Strategy, 'id'>, now: number, input: HandDecisionInput): Decision {
  const ruleId = input.ruleId ?? 'R99';
  const inputs: Record<string, string> = input.rollSide === undefined ? {} : { rollSide: input.rollSide };
  return createDecision({
    id: `dec-hand-${strategy.id}-${now}-${input.action}`,
    strategyId: strategy.id,
    action: input.action,
    urgency: input.action === 'HOLD' ? undefined : (input.urgency ?? 'WALKING_LIMIT'),
    ruleId,
    reason: `hand-made ${input.action}`,
    trace: [{ ruleId, name: 'Hand-made', fired: true, inputs, threshold: 'set by the test', reason: `hand-made ${input.action}` }],
    createdAt: now,
    reduceQuantity: input.reduceQuantity,
    rollTarget: input.rollTarget,
  });
}
