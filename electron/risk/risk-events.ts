// The events the risk governor publishes (EventBus<RiskGovernorEvents>). Every denial and every
// change of the trading state or of the reconciled flag is published here and journaled as a
// RiskEvent (electron/persistence/risk-event.ts).
import type { RiskDenial, RiskState, TradingState } from '../../shared/domain/risk.ts';

/** The order a denial refers to, as plain text and numbers (safe to show, even for a malformed intent). */
export interface IntentSummary {
  readonly clientOrderRef: string;
  /** instrumentKey(instrument), or '(invalid instrument)'. */
  readonly instrument: string;
  readonly action: string;
  readonly quantity: number;
  readonly kind: string;
  readonly dryRun: boolean;
  readonly strategyId: string | undefined;
}

/** Which gate refused: the automation gate (every order) or the kill switch's flatten gate. */
export type GateChannel = 'automation' | 'flatten';

export interface RiskDeniedEvent {
  readonly time: number;
  readonly channel: GateChannel;
  readonly denial: RiskDenial;
  readonly order: IntentSummary;
  /** The trading state the order was checked in. */
  readonly tradingState: TradingState;
}

/**
 * What moved the state: halt / reduce-only / resume / rearm (callers), daily-loss (the circuit
 * breaker), reconciled / unreconciled (the reconciler), restore-failed (an unreadable stored
 * state at start-up, which halts).
 */
export const RISK_CHANGE_CAUSES = ['halt', 'reduce-only', 'resume', 'rearm', 'daily-loss', 'reconciled', 'unreconciled', 'restore-failed'] as const;
export type RiskChangeCause = (typeof RISK_CHANGE_CAUSES)[number];

export interface RiskStateChangedEvent {
  readonly time: number;
  readonly cause: RiskChangeCause;
  readonly reason: string;
  /** Who asked (rearm/resume `by`, the halt trigger), when someone did. */
  readonly by: string | undefined;
  readonly previousState: TradingState;
  readonly state: RiskState;
}

export interface RiskRearmRefusedEvent {
  readonly time: number;
  readonly by: string;
  readonly reason: string;
  readonly state: RiskState;
}

/** A journal or state-store write failed; the governor kept its decision (a halt stays, a denial stays). */
export interface RiskRecordFailedEvent {
  readonly time: number;
  readonly what: string;
  readonly error: string;
}

export type RiskGovernorEvents = {
  'risk.denied': RiskDeniedEvent;
  'risk.state-changed': RiskStateChangedEvent;
  'risk.rearm-refused': RiskRearmRefusedEvent;
  'risk.record-failed': RiskRecordFailedEvent;
};
