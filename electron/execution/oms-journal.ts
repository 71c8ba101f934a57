// What the OMS journals beyond the TradingStore's own entries, and the in-memory view rebuilt
// from them at start-up (OmsNotes). The store records orders, statuses and fills; these entries
// record what the store has no column for: an order's purpose and replacement link, modified
// terms, broker calls that were denied / not sent / of unknown outcome (and their resolution),
// and executions that matched none of our orders. The journal's replay (state-replay.ts) skips
// these types: they do not shape the order book.
import type { BrokerExecution } from '../broker/broker.ts';
import type { ClientOrderRef, OrderId } from '../../shared/domain/ids.ts';
import type { Journal } from '../persistence/journal/journal.ts';
import type { JournalEntry } from '../persistence/journal/journal.types.ts';
import { withoutUndefined } from '../persistence/stored-json.ts';
import { isDryRunOrderId } from './order-ids.ts';
import type { BrokerOperation, OrderChanges, OrderContext, OrderPurpose, UnknownOutcome } from './oms-types.ts';

export interface OmsJournalPayloads {
  'oms.order-context': { readonly orderId: OrderId; readonly purpose: OrderPurpose; readonly replacesOrderId?: OrderId | undefined; readonly time: number };
  'oms.request-outcome': {
    readonly orderId: OrderId;
    readonly clientOrderRef: ClientOrderRef;
    readonly operation: BrokerOperation;
    readonly outcome: 'denied' | 'not-sent' | 'unknown';
    readonly error: string;
    readonly code?: string | undefined;
    /** For a modify: the sequence of its 'oms.order-modified' entry. */
    readonly modificationSequence?: number | undefined;
    readonly time: number;
  };
  'oms.order-modified': { readonly orderId: OrderId; readonly changes: OrderChanges; readonly time: number };
  'oms.outcome-resolved': { readonly orderId: OrderId; readonly operation: BrokerOperation; readonly note: string; readonly time: number };
  'oms.unmatched-execution': { readonly execution: BrokerExecution; readonly reason: string; readonly time: number };
}
export type OmsJournalType = keyof OmsJournalPayloads;
export const OMS_JOURNAL_TYPES: readonly OmsJournalType[] = ['oms.order-context', 'oms.request-outcome', 'oms.order-modified', 'oms.outcome-resolved', 'oms.unmatched-execution'];

export interface UnmatchedExecution {
  readonly execution: BrokerExecution;
  readonly reason: string;
  readonly time: number;
}

/** Appends an OMS entry (joins the caller's transaction when there is one); undefined optionals are left out. */
export function appendOmsEntry<Type extends OmsJournalType>(journal: Journal, type: Type, payload: OmsJournalPayloads[Type]): JournalEntry {
  return journal.append(type, withoutUndefined(payload));
}

const unknownKey = (orderId: OrderId, operation: BrokerOperation) => `${orderId}:${operation}`;

/** The OMS's memory of its own journal entries; apply() is used both live and when rebuilding. */
export class OmsNotes {
  readonly #contexts = new Map<OrderId, OrderContext>();
  readonly #placeFailures = new Map<OrderId, 'denied' | 'not-sent'>();
  readonly #unknown = new Map<string, UnknownOutcome>();
  readonly #modifications = new Map<OrderId, { readonly sequence: number; readonly changes: OrderChanges }[]>();
  readonly #failedModifications = new Set<number>();
  readonly #unmatched: UnmatchedExecution[] = [];

  static fromJournal(journal: Journal): OmsNotes {
    const notes = new OmsNotes();
    for (const entry of journal.entries({ types: OMS_JOURNAL_TYPES })) notes.apply(entry);
    return notes;
  }

  apply(entry: JournalEntry): void {
    switch (entry.type as OmsJournalType) {
      case 'oms.order-context':
        return this.#applyContext(entry.payload as OmsJournalPayloads['oms.order-context']);
      case 'oms.request-outcome':
        return this.#applyOutcome(entry.payload as OmsJournalPayloads['oms.request-outcome']);
      case 'oms.order-modified': {
        const { orderId, changes } = entry.payload as OmsJournalPayloads['oms.order-modified'];
        this.#modifications.set(orderId, [...(this.#modifications.get(orderId) ?? []), { sequence: entry.sequence, changes }]);
        return;
      }
      case 'oms.outcome-resolved': {
        const { orderId, operation } = entry.payload as OmsJournalPayloads['oms.outcome-resolved'];
        this.#unknown.delete(unknownKey(orderId, operation));
        return;
      }
      case 'oms.unmatched-execution':
        this.#unmatched.push(entry.payload as UnmatchedExecution);
        return;
      default:
        return;
    }
  }

  context(orderId: OrderId): OrderContext | undefined {
    return this.#contexts.get(orderId);
  }

  /** 'denied' (by the gate) or 'not-sent' (broker call never left) for a placement that failed before the broker had it. */
  placeFailure(orderId: OrderId): 'denied' | 'not-sent' | undefined {
    return this.#placeFailures.get(orderId);
  }

  unknownOutcomes(): UnknownOutcome[] {
    return [...this.#unknown.values()];
  }

  unknownOutcomesOf(orderId: OrderId): UnknownOutcome[] {
    return this.unknownOutcomes().filter((outcome) => outcome.orderId === orderId);
  }

  /** The order's modifications merged in order, leaving out those known not to have been sent. */
  changesOf(orderId: OrderId): OrderChanges {
    const applied = (this.#modifications.get(orderId) ?? []).filter((modification) => !this.#failedModifications.has(modification.sequence));
    return Object.assign({}, ...applied.map((modification) => modification.changes)) as OrderChanges;
  }

  unmatchedExecutions(): readonly UnmatchedExecution[] {
    return this.#unmatched;
  }

  #applyContext(payload: OmsJournalPayloads['oms.order-context']): void {
    this.#contexts.set(payload.orderId, Object.freeze({ purpose: payload.purpose, replacesOrderId: payload.replacesOrderId, dryRun: isDryRunOrderId(payload.orderId) }));
  }

  #applyOutcome(payload: OmsJournalPayloads['oms.request-outcome']): void {
    const { orderId, operation, outcome } = payload;
    if (operation === 'place' && outcome !== 'unknown') this.#placeFailures.set(orderId, outcome);
    if (operation === 'modify' && outcome !== 'unknown' && payload.modificationSequence !== undefined) this.#failedModifications.add(payload.modificationSequence);
    if (outcome === 'unknown') {
      this.#unknown.set(unknownKey(orderId, operation), Object.freeze({ orderId, clientOrderRef: payload.clientOrderRef, operation, error: payload.error, since: payload.time }));
    }
  }
}
