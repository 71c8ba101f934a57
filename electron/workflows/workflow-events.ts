// What the workflows publish on their typed bus (for the UI, the simulation report and tests):
// every entry signal, placed or refused entry, decision, executed or skipped exit, strategy
// status change and autopilot cycle, each with the reasons in words.
import type { Decision } from '../../shared/domain/decision.ts';
import type { OrderId, StrategyId } from '../../shared/domain/ids.ts';
import type { Strategy, StrategyStatus } from '../../shared/domain/strategy.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { EntryResult, EntrySignal } from './entry-types.ts';
import type { ExitResult } from './exit-types.ts';

export interface AutopilotCycleSummary {
  readonly time: number;
  readonly decisions: number;
  readonly exits: number;
  readonly entries: number;
  /** Why this cycle did less than it might (trading state, caps, entry window, …). */
  readonly notes: readonly string[];
}

export interface WorkflowEvents {
  /** A strategy record was created (previousStatus undefined) or changed (status, progress note, figures) through the tracker. */
  'workflow.strategy-changed': { readonly strategy: Strategy; readonly previousStatus: StrategyStatus | undefined; readonly reason: string | undefined };
  'workflow.entry-signal': { readonly symbol: string; readonly signal: EntrySignal; readonly time: number };
  'workflow.entry': { readonly symbol: string; readonly result: EntryResult; readonly time: number };
  /** The autopilot looked at a symbol and did not enter: why. */
  'workflow.entry-skipped': { readonly symbol: string; readonly reasons: readonly string[]; readonly time: number };
  'workflow.decision': { readonly decision: Decision; readonly recorded: boolean };
  /** A strategy was not evaluated this cycle: why. */
  'workflow.monitor-skipped': { readonly strategyId: StrategyId; readonly reason: string; readonly time: number };
  'workflow.exit': { readonly strategyId: StrategyId; readonly result: ExitResult; readonly time: number };
  'workflow.exit-skipped': { readonly strategyId: StrategyId; readonly decisionId: string | undefined; readonly reason: string; readonly time: number };
  'workflow.exit-timed-out': { readonly strategyId: StrategyId; readonly orderId: OrderId; readonly ageMs: number };
  'autopilot.cycle': AutopilotCycleSummary;
  'autopilot.state': { readonly running: boolean; readonly time: number };
}

export type WorkflowEventBus = EventBus<WorkflowEvents>;
