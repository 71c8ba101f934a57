// Makes every kill-switch action durable and visible: journal entries ('kill-switch.triggered',
// 'kill-switch.step', 'kill-switch.rearm'), critical alerts (source 'kill-switch') and events on
// the bus. A failure here never stops the kill switch: it is logged and handed back as an error
// text for the result. Each triggered/step entry carries what is still owed, so a restart
// restores a pending cancel-all or flatten (restore()).
import { randomUUID } from 'node:crypto';
import { createAlert } from '../../../shared/domain/alert.ts';
import { parseOrderId, type OrderId } from '../../../shared/domain/ids.ts';
import { silentLogger, type Logger } from '../../core/logger.ts';
import { errorText } from '../../execution/broker-call.ts';
import { withoutUndefined } from '../../persistence/stored-json.ts';
import type { KillSwitchDebt, KillSwitchEvents, KillSwitchOptions, KillSwitchRequest, KillSwitchStep } from './kill-switch-types.ts';

export const KILL_SWITCH_JOURNAL_TYPES = ['kill-switch.triggered', 'kill-switch.step', 'kill-switch.rearm'] as const;

/** What is journaled with every trigger and step, and restored at construction. */
export interface KillSwitchMemory {
  readonly owed: KillSwitchDebt;
  readonly flattenOrderIds: readonly OrderId[];
}

export const EMPTY_MEMORY: KillSwitchMemory = Object.freeze({ owed: Object.freeze({ cancelAll: false, flatten: false }), flattenOrderIds: Object.freeze([]) });

export interface TriggerRecord {
  readonly request: KillSwitchRequest;
  readonly halted: boolean;
  readonly recordedOnly: boolean;
  readonly problems: readonly string[];
  readonly memory: KillSwitchMemory;
}

export interface StepRecord {
  readonly step: KillSwitchStep;
  readonly outcome: KillSwitchEvents['kill-switch.step']['outcome'];
  readonly orderIds: readonly OrderId[];
  readonly error: string | undefined;
  readonly memory: KillSwitchMemory;
}

type RecorderPorts = Pick<KillSwitchOptions, 'journal' | 'alerts' | 'events' | 'clock'>;

export class KillSwitchRecorder {
  readonly #ports: RecorderPorts;
  readonly #newAlertId: () => string;
  readonly #logger: Logger;

  constructor(ports: RecorderPorts, newAlertId: (() => string) | undefined, logger: Logger | undefined) {
    this.#ports = ports;
    this.#newAlertId = newAlertId ?? (() => `kill-switch-${randomUUID()}`);
    this.#logger = (logger ?? silentLogger).child({ component: 'kill-switch' });
  }

  /** Journals the trigger, raises the critical alert, publishes; returns the errors met. */
  triggered(record: TriggerRecord): string[] {
    const errors: string[] = [];
    const { request, halted, recordedOnly, problems, memory } = record;
    const time = this.#ports.clock.now();
    this.#journal('kill-switch.triggered', { time, ...request, halted, recordedOnly, problems, ...memoryPayload(memory) }, errors);
    const what = request.flatten ? 'cancelling every working order and flattening every position' : 'cancelling every working order';
    const message = `Kill switch (${request.source}): ${request.reason}. Trading ${halted ? 'HALTED and latched' : 'NOT confirmed halted'}; ${recordedOnly ? 'a run is already in progress' : what}.`;
    const alertId = this.alert(message, errors);
    this.#publish('kill-switch.triggered', { time, source: request.source, reason: request.reason, flatten: request.flatten, halted, recordedOnly, alertId }, errors);
    return errors;
  }

  step(record: StepRecord): string[] {
    const errors: string[] = [];
    const time = this.#ports.clock.now();
    const { step, outcome, orderIds, error, memory } = record;
    this.#journal('kill-switch.step', { time, step, outcome, orderIds, error, ...memoryPayload(memory) }, errors);
    if (outcome === 'failed') this.alert(`Kill switch ${step} failed: ${error ?? 'no reason given'}`, errors);
    this.#publish('kill-switch.step', { time, step, outcome, orderIds, error }, errors);
    return errors;
  }

  rearm(by: string, outcome: 'rearmed' | 'refused', reason: string | undefined): string[] {
    const errors: string[] = [];
    const time = this.#ports.clock.now();
    this.#journal('kill-switch.rearm', { time, by, outcome, reason }, errors);
    if (outcome === 'rearmed') this.#publish('kill-switch.rearmed', { time, by }, errors);
    else this.#publish('kill-switch.rearm-refused', { time, by, reason: reason ?? 'refused' }, errors);
    return errors;
  }

  publish<Type extends keyof KillSwitchEvents>(type: Type, payload: KillSwitchEvents[Type]): string[] {
    const errors: string[] = [];
    this.#publish(type, payload, errors);
    return errors;
  }

  /** Raises a critical alert; returns its id, or undefined when it could not be stored. */
  alert(message: string, errors: string[]): string | undefined {
    try {
      const alert = createAlert({ id: this.#newAlertId(), severity: 'critical', source: 'kill-switch', message, createdAt: this.#ports.clock.now() });
      return this.#ports.alerts.recordAlert(alert).id;
    } catch (error) {
      this.#failed('raise the alert', error, errors);
      return undefined;
    }
  }

  /** What the last triggered/step entry says is still owed (nothing when there is none or it is unreadable). */
  restore(): KillSwitchMemory {
    let last: unknown;
    try {
      for (const entry of this.#ports.journal.entries({ types: ['kill-switch.triggered', 'kill-switch.step'] })) last = entry.payload;
      return parseMemory(last);
    } catch (error) {
      this.#logger.error('kill switch could not restore its pending work from the journal', { error: errorText(error) });
      return EMPTY_MEMORY;
    }
  }

  #journal(type: (typeof KILL_SWITCH_JOURNAL_TYPES)[number], payload: Record<string, unknown>, errors: string[]): void {
    try {
      this.#ports.journal.append(type, withoutUndefined(payload));
    } catch (error) {
      this.#failed(`journal '${type}'`, error, errors);
    }
  }

  #publish<Type extends keyof KillSwitchEvents>(type: Type, payload: KillSwitchEvents[Type], errors: string[]): void {
    try {
      this.#ports.events.publish(type, payload);
    } catch (error) {
      this.#failed(`publish '${type}'`, error, errors);
    }
  }

  #failed(what: string, error: unknown, errors: string[]): void {
    const text = `kill switch could not ${what}: ${errorText(error)}`;
    this.#logger.error(text);
    errors.push(text);
  }
}

function memoryPayload(memory: KillSwitchMemory): Record<string, unknown> {
  return { owed: { cancelAll: memory.owed.cancelAll, flatten: memory.owed.flatten }, flattenOrderIds: [...memory.flattenOrderIds] };
}

function parseMemory(payload: unknown): KillSwitchMemory {
  if (typeof payload !== 'object' || payload === null) return EMPTY_MEMORY;
  const { owed, flattenOrderIds } = payload as { owed?: { cancelAll?: unknown; flatten?: unknown }; flattenOrderIds?: unknown };
  return {
    owed: { cancelAll: owed?.cancelAll === true, flatten: owed?.flatten === true },
    flattenOrderIds: Array.isArray(flattenOrderIds) ? flattenOrderIds.map((id) => parseOrderId(id)) : [],
  };
}
