// The kill switch's vocabulary: what a trigger asks, what it returns, the events it publishes,
// and the ports the composition root hands it (see ../kill-switch.ts for the behaviour).
import type { OrderId } from '../../../shared/domain/ids.ts';
import type { RiskState } from '../../../shared/domain/risk.ts';
import type { Broker } from '../../broker/broker.ts';
import type { WatchdogEvent } from '../../broker/resiliency/connection-watchdog.ts';
import type { Clock } from '../../core/clock.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import type { Logger } from '../../core/logger.ts';
import type { ExecutionEngine } from '../../execution/execution-engine.ts';
import type { OrderManagementSystem } from '../../execution/order-management-system.ts';
import type { PositionsProvider } from '../../execution/positions-provider.ts';
import type { Journal } from '../../persistence/journal/journal.ts';
import type { TradingRecords } from '../../persistence/trading-records.ts';
import type { RiskStateChangedEvent } from '../risk-events.ts';
import type { RiskGovernor } from '../risk-governor.ts';

/** Every way the kill switch can be fired; all of them run the same code path. */
export const KILL_SWITCH_SOURCES = ['api', 'shortcut', 'tray', 'button', 'rule', 'daily-loss'] as const;
export type KillSwitchSource = (typeof KILL_SWITCH_SOURCES)[number];

export interface KillSwitchRequest {
  readonly source: KillSwitchSource;
  readonly reason: string;
  /** Also close every position with marketable orders (after the cancels are confirmed). */
  readonly flatten: boolean;
}

/**
 * - sent: the broker's cancel-all was handed over (now, or by an earlier run).
 * - pending-reconnect: the broker is not reachable; it goes out as soon as it is.
 * - failed: the broker refused it or its outcome is unknown; it stays owed and is sent again on
 *   the next reconnect or trigger (a global cancel is safe to repeat).
 */
export type CancelAllOutcome = 'sent' | 'pending-reconnect' | 'failed';

/**
 * - pending-reconciliation: connected, but the broker state is not reconciled since the last
 *   (re)connect; the flatten goes out when the governor reports 'reconciled' (unknown is not flat).
 * - failed: some or all positions were not handed over (see errors); not retried on its own.
 */
export type FlattenOutcome = 'not-requested' | 'sent' | 'pending-reconnect' | 'pending-reconciliation' | 'failed';

/** What one run of the steps did. */
export interface KillSwitchRunOutcome {
  readonly cancelAll: CancelAllOutcome;
  readonly flatten: FlattenOutcome;
  /** Orders whose cancel we requested, then the flatten orders. */
  readonly orderIds: readonly OrderId[];
  readonly errors: readonly string[];
}

export interface KillSwitchResult extends KillSwitchRunOutcome {
  /** The gate is closed (the governor is HALTED). */
  readonly halted: boolean;
  /**
   * True when a run (or its flatten orders) was already in progress: this trigger halted again
   * and was journaled, but sent nothing; the statuses are those of the run in progress.
   */
  readonly recordedOnly: boolean;
}

export type RearmResult =
  | { readonly ok: true; readonly state: RiskState }
  | { readonly ok: false; readonly reason: string };

/** What the kill switch still owes the broker (journaled, restored after a restart). */
export interface KillSwitchDebt {
  readonly cancelAll: boolean;
  readonly flatten: boolean;
}

export interface KillSwitchStatus {
  readonly running: boolean;
  readonly owed: KillSwitchDebt;
  /** Flatten orders sent by the kill switch (a new trigger is recorded only while one is working). */
  readonly flattenOrderIds: readonly OrderId[];
  readonly lastRun: KillSwitchRunOutcome | undefined;
}

export type KillSwitchStep = 'cancel-all' | 'flatten';

export type KillSwitchEvents = {
  'kill-switch.triggered': {
    readonly time: number;
    readonly source: KillSwitchSource;
    readonly reason: string;
    readonly flatten: boolean;
    readonly halted: boolean;
    readonly recordedOnly: boolean;
    readonly alertId: string | undefined;
  };
  'kill-switch.step': {
    readonly time: number;
    readonly step: KillSwitchStep;
    readonly outcome: CancelAllOutcome | FlattenOutcome;
    readonly orderIds: readonly OrderId[];
    readonly error: string | undefined;
  };
  'kill-switch.completed': { readonly time: number; readonly outcome: KillSwitchRunOutcome };
  'kill-switch.rearmed': { readonly time: number; readonly by: string };
  'kill-switch.rearm-refused': { readonly time: number; readonly by: string; readonly reason: string };
};

/** Where kill-switch events go: an EventBus<KillSwitchEvents> or any bus whose map includes them. */
export interface KillSwitchEventPublisher {
  publish<Type extends keyof KillSwitchEvents>(type: Type, payload: KillSwitchEvents[Type]): void;
}

/** The governor's bus (EventBus<RiskGovernorEvents>): the daily-loss breaker and reconciliation. */
export interface GovernorEventSource {
  subscribe(type: 'risk.state-changed', handler: (event: RiskStateChangedEvent) => void): Disposable;
}

export interface KillSwitchTiming {
  /** How long the flatten waits for the cancelled orders to be confirmed final (default 5,000 ms). */
  readonly cancelConfirmTimeoutMs: number;
  /**
   * With no order of ours to watch, how long after the cancel-all the flatten waits, so the
   * broker's global cancel cannot catch the flatten orders (default 1,000 ms).
   */
  readonly cancelAllSettleMs: number;
  /** How often the wait looks at the order book (default 10 ms). */
  readonly pollIntervalMs: number;
  /** Deadline of a direct broker cancel-all call (default 30,000 ms). */
  readonly brokerCallTimeoutMs: number;
}

export interface KillSwitchOptions {
  readonly governor: Pick<RiskGovernor, 'halt' | 'rearm' | 'state'>;
  /** Subscribed for the daily-loss breaker and for 'reconciled' (an owed flatten waits for it). */
  readonly governorEvents?: GovernorEventSource | undefined;
  /** An OMS built with `governor.flattenGate` (cancels are never gated; flatten orders are). Not started: the app's OMS applies broker events. */
  readonly oms: Pick<OrderManagementSystem, 'cancelAll' | 'workingOrders'>;
  /** An ExecutionEngine over that OMS: closeAll sends marketable orders. */
  readonly flattenEngine: Pick<ExecutionEngine, 'closeAll'>;
  /** The positions the flatten engine closes (the same provider). */
  readonly positions: PositionsProvider;
  readonly broker: Pick<Broker, 'connectionStatus' | 'subscribe' | 'openOrders' | 'cancelAllOrders'>;
  /** Optional: its 'reconnected' event also releases owed work. */
  readonly watchdog?: { subscribe(listener: (event: WatchdogEvent) => void): Disposable } | undefined;
  /** The app journal (store.journal): 'kill-switch.*' entries, and the owed work after a restart. */
  readonly journal: Pick<Journal, 'append' | 'entries'>;
  /** store.records: the critical alerts. */
  readonly alerts: Pick<TradingRecords, 'recordAlert'>;
  readonly events: KillSwitchEventPublisher;
  readonly clock: Clock;
  /** The daily loss breaker fires the cancel path (default on, without flatten). */
  readonly dailyLoss?: { readonly trigger?: boolean; readonly flatten?: boolean } | undefined;
  readonly timing?: Partial<KillSwitchTiming> | undefined;
  /** Default: 'kill-switch-' + a random UUID. */
  readonly newAlertId?: (() => string) | undefined;
  readonly logger?: Logger | undefined;
}
