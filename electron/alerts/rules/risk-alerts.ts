// Alerts from the risk governor (source 'risk'). A halt made by the kill switch is left out:
// the kill switch stores its own critical alert for it (relayed by kill-switch-alerts.ts).
import type { Disposable } from '../../core/lifecycle.ts';
import type { EventBus } from '../../core/event-bus.ts';
import { KILL_SWITCH_SOURCES } from '../../risk/kill-switch/kill-switch-types.ts';
import type { RiskDeniedEvent, RiskGovernorEvents, RiskRearmRefusedEvent, RiskRecordFailedEvent, RiskStateChangedEvent } from '../../risk/risk-events.ts';
import type { RaiseAlertInput } from '../alert-types.ts';
import type { RaiseAlert } from './alert-rule.ts';

const source = 'risk';

/** Shared with kill-switch-alerts.ts: a rearm seen on both buses is one alert. */
export const RELEASED_DEDUP_KEY = 'risk:released';
export const REARM_REFUSED_DEDUP_KEY = 'risk:rearm-refused';

/** Warning, keyed by the denial code; critical for the kill switch's flatten gate; info for a dry run. */
export function riskDeniedAlert(event: RiskDeniedEvent): RaiseAlertInput {
  const flatten = event.channel === 'flatten';
  const order = event.order;
  return {
    severity: flatten ? 'critical' : order.dryRun ? 'info' : 'warning',
    source,
    message: `${flatten ? 'Flatten order' : order.dryRun ? 'Dry-run order' : 'Order'} ${order.clientOrderRef} (${order.action} ${order.quantity} ${order.instrument}) denied in ${event.tradingState}: ${event.denial.reason}`,
    dedupKey: `${flatten ? 'risk:flatten-denied' : 'risk:denied'}:${event.denial.code}`,
    details: { code: event.denial.code, channel: event.channel, clientOrderRef: order.clientOrderRef, strategyId: order.strategyId },
  };
}

/** True for the governor halt the kill switch makes (its reason starts 'kill switch (<source>)'). */
export function isKillSwitchHalt(event: RiskStateChangedEvent): boolean {
  return event.cause === 'halt' && (KILL_SWITCH_SOURCES as readonly string[]).includes(event.by ?? '') && event.reason.startsWith(`kill switch (${event.by})`);
}

export function riskStateAlert(event: RiskStateChangedEvent): RaiseAlertInput | undefined {
  const details = { cause: event.cause, by: event.by, previousState: event.previousState, tradingState: event.state.tradingState, latched: event.state.latched };
  const alert = (severity: RaiseAlertInput['severity'], message: string, dedupKey: string): RaiseAlertInput => ({ severity, source, message, dedupKey, details });
  switch (event.cause) {
    case 'halt':
      return isKillSwitchHalt(event) ? undefined : alert('critical', `Trading HALTED${event.by === undefined ? '' : ` (${event.by})`}: ${event.reason}`, 'risk:halted');
    case 'daily-loss':
      return alert('critical', `Daily loss limit breached: trading HALTED and latched until re-armed (${event.reason}).`, `risk:daily-loss:${event.state.tradingDay}`);
    case 'restore-failed':
      return alert('critical', `The stored risk state could not be read at start-up: trading HALTED (${event.reason}).`, 'risk:restore-failed');
    case 'reduce-only':
      return alert('warning', `Trading is REDUCE-ONLY: ${event.reason}`, 'risk:reduce-only');
    case 'unreconciled':
      return alert('warning', `Automation is off until the broker state is reconciled: ${event.reason}`, 'risk:unreconciled');
    case 'reconciled':
      return alert('info', 'Broker state reconciled: automation may trade.', 'risk:reconciled');
    case 'resume':
    case 'rearm':
      return alert('info', `Trading is ${event.state.tradingState} again: ${event.reason}.`, RELEASED_DEDUP_KEY);
  }
}

export function rearmRefusedAlert(event: Pick<RiskRearmRefusedEvent, 'by' | 'reason'>): RaiseAlertInput {
  return { severity: 'warning', source, message: `Re-arm by ${event.by} refused: ${event.reason}`, dedupKey: REARM_REFUSED_DEDUP_KEY, details: { by: event.by } };
}

/** The governor kept its decision, but the journal or the state store lost a write. */
export function recordFailedAlert(event: RiskRecordFailedEvent): RaiseAlertInput {
  return {
    severity: 'critical',
    source,
    message: `The risk governor could not record ${event.what}: ${event.error}. Its decision stands but is not journaled.`,
    dedupKey: `risk:record-failed:${event.what}`,
    details: { what: event.what },
  };
}

export function connectRiskAlerts(bus: Pick<EventBus<RiskGovernorEvents>, 'subscribe'>, raise: RaiseAlert): Disposable[] {
  return [
    bus.subscribe('risk.denied', (event) => raise(riskDeniedAlert(event))),
    bus.subscribe('risk.state-changed', (event) => raise(riskStateAlert(event))),
    bus.subscribe('risk.rearm-refused', (event) => raise(rearmRefusedAlert(event))),
    bus.subscribe('risk.record-failed', (event) => raise(recordFailedAlert(event))),
  ];
}
