// What the OMS journals beyond the TradingStore's own entries, and the in-memory view rebuilt
// from them at start-up (OmsNotes). The store records orders, statuses, amendments and fills;
// these entries record what the store has no column for: an order's purpose and replacement
// link, modify requests and how each settled, broker calls that were denied / not sent / of
// unknown outcome (and their resolution), and executions that matched none of our orders. The
// journal's replay (state-replay.ts) skips these types: they do not shape the order book.
//
// A modify's life: 'oms.order-modified' (requested, before the call) → 'oms.request-outcome'
// (not sent: it never applies) or 'oms.modify-sent' (the broker took the call; its terms now
// await the broker's confirmation) → 'oms.modify-settled': confirmed (the store's
// 'order.amended' in the same transaction), refused by the broker, or dropped.
import type { BrokerExecution } from '../broker/broker.ts';
import type { ClientOrderRef, OrderId } from '../../shared/domain/ids.ts';
import type { Journal } from '../persistence/journal/journal.ts';
import type { JournalEntry } from '../persistence/journal/journal.types.ts';
import { withoutUndefined } from '../persistence/stored-json.ts';
import { isDryRunOrderId } from './order-ids.ts';
import type { BrokerOperation, ModificationSettlement, OrderChanges, OrderContext, OrderPurpose, PendingModification, UnknownOutcome } from './oms-types.ts';

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
  /** The broker call of the modify requested at `modificationSequence` returned (possibly late): it awaits the broker's confirmation. */
  'oms.modify-sent': { readonly orderId: OrderId; readonly modificationSequence: number; readonly time: number };
  /** How a sent modify ended: confirmed (the order row was amended), refused by the broker, or dropped (it no longer applies). */
  'oms.modify-settled': {
    readonly orderId: OrderId;
    readonly modificationSequence: number;
    readonly outcome: ModificationSettlement;
    readonly note: string;
    /** The broker's code of a refusal, when it gave one. */
    readonly code?: number | undefined;
    readonly time: number;
  };
  'oms.outcome-resolved': { readonly orderId: OrderId; readonly operation: BrokerOperation; readonly note: string; readonly time: number };
  'oms.unmatched-execution': { readonly execution: BrokerExecution; readonly reason: string; readonly time: number };
}
export type OmsJournalType = keyof OmsJournalPayloads;
export const OMS_JOURNAL_TYPES: readonly OmsJournalType[] = [
  'oms.order-context',
  'oms.request-outcome',
  'oms.order-modified',
  'oms.modify-sent',
  'oms.modify-settled',
  'oms.outcome-resolved',
  'oms.unmatched-execution',
];

export interface UnmatchedExecution {
  readonly execution: BrokerExecution;
  readonly reason: string;
  readonly time: number;
}

/** Appends an OMS entry (joins the caller's transaction when there is one); undefined optionals are left out. */
export function appendOmsEntry<Type extends OmsJournalType>(journal: Journal, type: Type, payload: OmsJournalPayloads[Type]): JournalEntry {
  return journal.append(type, withoutUndefined(payload));
}

/** requested → sent (the broker took it) → settled (confirmed, refused or dropped); a requested one that failed (never sent) is forgotten, so is a settled one. */
type ModificationState = 'requested' | 'sent';
type ModificationRecord = PendingModification & { readonly state: ModificationState };

const unknownKey = (orderId: OrderId, operation: BrokerOperation) => `${orderId}:${operation}`;

/** The OMS's memory of its own journal entries; apply() is used both live and when rebuilding. */
export class OmsNotes {
  readonly #contexts = new Map<OrderId, OrderContext>();
  readonly #placeFailures = new Map<OrderId, 'denied' | 'not-sent'>();
  readonly #unknown = new Map<string, UnknownOutcome>();
  /** Modify requests by the sequence of their 'oms.order-modified' entry. */
  readonly #modifications = new Map<number, ModificationRecord>();
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
        const { orderId, changes, time } = entry.payload as OmsJournalPayloads['oms.order-modified'];
        this.#modifications.set(entry.sequence, { orderId, sequence: entry.sequence, changes, requestedAt: time, state: 'requested' });
        return;
      }
      case 'oms.modify-sent':
        return this.#advanceModification((entry.payload as OmsJournalPayloads['oms.modify-sent']).modificationSequence, 'requested', 'sent');
      case 'oms.modify-settled':
        return this.#advanceModification((entry.payload as OmsJournalPayloads['oms.modify-settled']).modificationSequence, 'sent', 'forgotten');
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

  /** Modifications the broker took and has not confirmed yet, oldest first (every order's, or `orderId`'s). */
  awaitingModifications(orderId?: OrderId): PendingModification[] {
    const awaiting = [...this.#modifications.values()].filter((record) => record.state === 'sent' && (orderId === undefined || record.orderId === orderId));
    return awaiting.sort((a, b) => a.sequence - b.sequence).map(({ orderId: id, sequence, changes, requestedAt }) => Object.freeze({ orderId: id, sequence, changes, requestedAt }));
  }

  /** The changes of the order's modifications awaiting confirmation, merged oldest first (the book row does not hold them yet). */
  changesOf(orderId: OrderId): OrderChanges {
    return Object.assign({}, ...this.awaitingModifications(orderId).map((modification) => modification.changes)) as OrderChanges;
  }

  unmatchedExecutions(): readonly UnmatchedExecution[] {
    return this.#unmatched;
  }

  /** Moves a modify on; one that failed or settled is forgotten (only requested and awaiting ones matter, so the map stays small). */
  #advanceModification(sequence: number, from: ModificationState, to: ModificationState | 'forgotten'): void {
    const record = this.#modifications.get(sequence);
    if (record?.state !== from) return;
    if (to === 'forgotten') this.#modifications.delete(sequence);
    else this.#modifications.set(sequence, { ...record, state: to });
  }

  #applyContext(payload: OmsJournalPayloads['oms.order-context']): void {
    this.#contexts.set(payload.orderId, Object.freeze({ purpose: payload.purpose, replacesOrderId: payload.replacesOrderId, dryRun: isDryRunOrderId(payload.orderId) }));
  }

  #applyOutcome(payload: OmsJournalPayloads['oms.request-outcome']): void {
    const { orderId, operation, outcome } = payload;
    if (operation === 'place' && outcome !== 'unknown') this.#placeFailures.set(orderId, outcome);
    if (operation === 'modify' && outcome !== 'unknown' && payload.modificationSequence !== undefined) this.#advanceModification(payload.modificationSequence, 'requested', 'forgotten');
    if (outcome === 'unknown') {
      this.#unknown.set(unknownKey(orderId, operation), Object.freeze({ orderId, clientOrderRef: payload.clientOrderRef, operation, error: payload.error, since: payload.time }));
    }
  }
}
