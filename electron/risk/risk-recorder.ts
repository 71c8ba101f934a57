// Makes what the governor decides visible and durable: each denial and state change is
// journaled (RiskJournal → risk_events + the journal) and published (RiskEventPublisher). A
// failing journal or bus never undoes a decision and never reaches the caller of check() or
// halt(): it is published as 'risk.record-failed' and logged.
import { parseClientOrderRef, type OrderId } from '../../shared/domain/ids.ts';
import type { RiskDenial, RiskState, TradingState } from '../../shared/domain/risk.ts';
import type { Logger } from '../core/logger.ts';
import type { RiskEventInput } from '../persistence/risk-event.ts';
import type { GateChannel, IntentSummary, RiskChangeCause, RiskGovernorEvents } from './risk-events.ts';
import type { OrderIdLookup, RiskEventPublisher, RiskJournal } from './risk-inputs.ts';
import type { TradingControl } from './trading-control.ts';

const MAX_REASON_LENGTH = 2000;

export interface StateChange {
  readonly time: number;
  readonly cause: RiskChangeCause;
  readonly reason: string;
  readonly by: string | undefined;
  readonly previous: TradingControl;
  readonly state: RiskState;
  /** Set for a halt: what fired it (journaled as a HALT event). */
  readonly trigger?: string | undefined;
}

export class RiskRecorder {
  readonly #journal: RiskJournal;
  readonly #events: RiskEventPublisher;
  readonly #orderIdOf: OrderIdLookup | undefined;
  readonly #logger: Logger | undefined;

  constructor(journal: RiskJournal, events: RiskEventPublisher, orderIdOf: OrderIdLookup | undefined, logger: Logger | undefined) {
    this.#journal = journal;
    this.#events = events;
    this.#orderIdOf = orderIdOf;
    this.#logger = logger;
  }

  denial(time: number, channel: GateChannel, order: IntentSummary, denial: RiskDenial, tradingState: TradingState): void {
    const text = `${order.clientOrderRef} ${order.action} ${String(order.quantity)} ${order.instrument}${channel === 'flatten' ? ' (flatten)' : ''}: ${denial.reason}`;
    this.journal(time, 'denial', { kind: 'DENIAL', time, reason: clip(text), tradingState, denialCode: denial.code, orderId: this.#orderId(order.clientOrderRef) });
    this.publish('risk.denied', { time, channel, denial, order, tradingState });
  }

  /** Journals a state change (a HALT event when it carries a trigger). Returns false when the journal refused it. */
  change(change: StateChange): boolean {
    const { time, state, previous } = change;
    const base = { time, reason: clip(change.reason), tradingState: state.tradingState, previousState: previous.tradingState, latched: state.latched };
    const input: RiskEventInput = change.trigger === undefined ? { kind: 'STATE_CHANGE', ...base } : { kind: 'HALT', ...base, trigger: change.trigger };
    return this.journal(time, change.cause, input);
  }

  /** Publishes a state change already journaled (or whose journal failed, for a halt). */
  announce(change: StateChange): void {
    const { time, cause, reason, by, previous, state } = change;
    this.publish('risk.state-changed', { time, cause, reason, by, previousState: previous.tradingState, state });
  }

  journal(time: number, what: string, input: RiskEventInput): boolean {
    try {
      this.#journal(input);
      return true;
    } catch (error) {
      this.failed(time, `journal ${what}`, error);
      return false;
    }
  }

  publish<Type extends keyof RiskGovernorEvents>(type: Type, payload: RiskGovernorEvents[Type]): void {
    try {
      this.#events.publish(type, payload);
    } catch (error) {
      this.#logger?.error('risk event could not be published', { eventType: type, error });
    }
  }

  failed(time: number, what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#logger?.error(`risk governor could not ${what}`, { error });
    this.publish('risk.record-failed', { time, what, error: message });
  }

  #orderId(reference: string): OrderId | undefined {
    if (this.#orderIdOf === undefined) return undefined;
    try {
      return this.#orderIdOf(parseClientOrderRef(reference));
    } catch {
      return undefined;
    }
  }
}

function clip(text: string): string {
  const trimmed = text.trim().length === 0 ? 'no reason given' : text;
  return trimmed.length > MAX_REASON_LENGTH ? `${trimmed.slice(0, MAX_REASON_LENGTH - 1)}…` : trimmed;
}
