// Alerts from the kill switch (source 'kill-switch'). The kill switch stores its own critical
// alerts (a trigger, a failed step) through store.records: they are relayed, not stored again,
// so the sinks (native notifications) and the bus still hear them. Only when the kill switch
// could not store its alert does the manager raise one.
import type { Alert } from '../../../shared/domain/alert.ts';
import type { EventBus } from '../../core/event-bus.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import type { KillSwitchEvents } from '../../risk/kill-switch/kill-switch-types.ts';
import type { RaiseAlertInput } from '../alert-types.ts';
import type { AlertRaiser, RaiseAlert } from './alert-rule.ts';
import { RELEASED_DEDUP_KEY, rearmRefusedAlert } from './risk-alerts.ts';

const source = 'kill-switch';
/** How far back relay looks for the step alert the kill switch stored just before publishing. */
const recentLookback = 20;

type Triggered = KillSwitchEvents['kill-switch.triggered'];
type Step = KillSwitchEvents['kill-switch.step'];

/** The alert to raise when the kill switch could not store its own. */
export function triggeredAlert(event: Triggered): RaiseAlertInput {
  return {
    severity: 'critical',
    source,
    message: `Kill switch (${event.source}): ${event.reason}. Trading ${event.halted ? 'HALTED and latched' : 'NOT confirmed halted'}.`,
    details: { trigger: event.source, flatten: event.flatten, halted: event.halted, recordedOnly: event.recordedOnly },
  };
}

/** A failed step is critical (the kill switch stored it); a step waiting for the broker is a warning. */
export function stepAlert(event: Step): RaiseAlertInput | undefined {
  if (event.outcome === 'failed') {
    return { severity: 'critical', source, message: `Kill switch ${event.step} failed: ${event.error ?? 'no reason given'}`, details: { step: event.step } };
  }
  if (event.outcome !== 'pending-reconnect' && event.outcome !== 'pending-reconciliation') return undefined;
  const until = event.outcome === 'pending-reconnect' ? 'the broker reconnects' : 'the broker state is reconciled';
  return { severity: 'warning', source, message: `Kill switch ${event.step} is owed: it goes out when ${until}.`, dedupKey: `kill-switch:${event.step}:${event.outcome}`, details: { step: event.step } };
}

export function connectKillSwitchAlerts(bus: Pick<EventBus<KillSwitchEvents>, 'subscribe'>, manager: AlertRaiser, raise: RaiseAlert): Disposable[] {
  return [
    bus.subscribe('kill-switch.triggered', (event) => {
      const relayed = event.alertId === undefined ? undefined : manager.relayStored(event.alertId);
      if (relayed === undefined) raise(triggeredAlert(event));
    }),
    bus.subscribe('kill-switch.step', (event) => {
      if (event.outcome !== 'failed' || !relayStepAlert(manager, event)) raise(stepAlert(event));
    }),
    bus.subscribe('kill-switch.rearmed', (event) => {
      raise({ severity: 'info', source, message: `Kill switch re-armed by ${event.by}: trading may resume.`, dedupKey: RELEASED_DEDUP_KEY, details: { by: event.by } });
    }),
    bus.subscribe('kill-switch.rearm-refused', (event) => raise(rearmRefusedAlert(event))),
  ];
}

/** Relays the failed-step alert the kill switch stored for this event; false when none is found. */
function relayStepAlert(manager: AlertRaiser, event: Step): boolean {
  const prefix = `Kill switch ${event.step} failed`;
  const stored = manager.recent(recentLookback).filter((alert: Alert) => alert.source === source && alert.createdAt >= event.time && alert.message.startsWith(prefix));
  // Oldest first, so two failures in a row are relayed in order.
  for (const alert of stored.reverse()) {
    if (manager.relayStored(alert.id)?.relayed === true) return true;
  }
  return false;
}
