// The exit workflow's result: what was asked, what was sent (a refused roll falls back to a
// close), the orders, and why.
import type { DecisionAction, Urgency } from '../../shared/domain/decision.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import type { WorkflowProblem } from './entry-types.ts';

/**
 * - placed: the exit order was handed to the broker (the strategy is CLOSING until it ends);
 * - held: HOLD, nothing to do;
 * - refused: nothing was sent (unknown strategy, not OPEN, an exit already working, bad decision);
 * - failed: the order could not be placed (denied, not sent, no position): the strategy stays OPEN.
 */
export type ExitStatus = 'placed' | 'held' | 'refused' | 'failed';

export interface ExitResult {
  readonly status: ExitStatus;
  /** The decision's action. */
  readonly requested: DecisionAction;
  /** What was sent: CLOSE when a ROLL fell back. */
  readonly action: DecisionAction;
  readonly urgency: Urgency | undefined;
  /** True when a ROLL was refused (debit, cannot be built, denied) and a CLOSE was sent instead. */
  readonly fallback: boolean;
  readonly orderIds: readonly OrderId[];
  readonly reasons: readonly string[];
  readonly error: WorkflowProblem | undefined;
}
