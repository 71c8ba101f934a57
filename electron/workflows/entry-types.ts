// The entry workflow's vocabulary: a signal (enter or not, which structure, why) and the result
// of an entry attempt. Every outcome carries its reasons in words.
import type { OrderId, StrategyId } from '../../shared/domain/ids.ts';
import type { StrategyType } from '../../shared/domain/strategy.ts';

/** The market facts a signal reads; evaluateEntrySignal fetches what is not given. */
export interface EntryMarketFacts {
  /** IV rank of the underlying now, points 0–100. */
  readonly ivRank: number;
  readonly vix: number;
}

export interface EntrySignal {
  readonly enter: boolean;
  /** The structure the IV rank asks for (set even when another check blocks the entry); undefined in the neutral band. */
  readonly strategyType: StrategyType | undefined;
  /** Every check, passed or failed, in words (the failed ones first). */
  readonly reasons: readonly string[];
  readonly facts: EntryMarketFacts;
}

/** A problem with the request, by code (AppError codes) and, for bad parameters, the field. */
export interface WorkflowProblem {
  readonly code: string;
  readonly message: string;
  readonly field?: string | undefined;
}

/**
 * - placed: the strategy is stored PENDING and its entry order was handed to the broker;
 * - refused: nothing was stored (bad parameters, a check failed, the build failed);
 * - failed: the strategy was stored and is now FAILED (the order was denied, not sent, or a dry run).
 */
export type EntryStatus = 'placed' | 'refused' | 'failed';

export interface EntryResult {
  readonly status: EntryStatus;
  readonly symbol: string;
  readonly strategyType: StrategyType | undefined;
  readonly strategyId: StrategyId | undefined;
  readonly orderIds: readonly OrderId[];
  readonly reasons: readonly string[];
  readonly error: WorkflowProblem | undefined;
}
