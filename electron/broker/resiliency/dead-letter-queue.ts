// The dead-letter queue: orders that could not be sent, persisted in the app database
// (dead_letters, migration 0009), visible, re-submittable and discardable, never dropped. Every
// change writes its row and its journal entry in one transaction. See dead-letter.ts for the
// statuses; the guard against sending a letter twice is the IN_FLIGHT status, committed before
// the request leaves. One queue per database file (opening a queue turns IN_FLIGHT letters left
// by an earlier run into UNKNOWN).
import type { Broker } from '../broker.ts';
import { BrokerRequestError } from '../broker-request-error.ts';
import type { Clock } from '../../core/clock.ts';
import { AppError, toAppError } from '../../core/errors.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import { silentLogger, type Logger } from '../../core/logger.ts';
import type { AppDatabase } from '../../persistence/database.ts';
import type { Journal } from '../../persistence/journal/journal.ts';
import { withoutUndefined } from '../../persistence/stored-json.ts';
import { canMoveDeadLetter, type DeadLetter, type DeadLetterCapture, type DeadLetterChange, type DeadLetterJournalPayloads, type DeadLetterSink, type DeadLetterStatus } from './dead-letter.ts';
import { checkDeadLetterRequest, deadLetterRef, type DeadLetterRequest } from './dead-letter-request.ts';
import { DeadLetterRepository } from './dead-letter.repository.ts';
import { ListenerSet } from './listener-set.ts';

export type DeadLetterBroker = Pick<Broker, 'placeOrder' | 'placeBracketOrder'>;

export type ResubmitResult =
  /** Handed to the broker: the letter is RESUBMITTED with the broker's order id. */
  | { readonly outcome: 'resubmitted'; readonly letter: DeadLetter; readonly brokerOrderId: number }
  /** Certainly not sent: the letter is PENDING again with the new reason. */
  | { readonly outcome: 'failed'; readonly letter: DeadLetter; readonly error: AppError }
  /** May have reached the broker: the letter is UNKNOWN until the reconciler resolves it. */
  | { readonly outcome: 'unknown'; readonly letter: DeadLetter; readonly error: AppError };

/** What the reconciler found when it looked the letter's client order ref up at the broker. */
export type UnknownOutcomeResolution = { readonly found: true; readonly brokerOrderId: number } | { readonly found: false };

export interface DeadLetterEvent {
  readonly change: DeadLetterChange;
  readonly letter: DeadLetter;
}

export interface DeadLetterQueueOptions {
  readonly database: AppDatabase;
  readonly journal: Journal;
  readonly clock: Clock;
  readonly logger?: Logger;
}

type Edit = { reason?: string; errorCode?: DeadLetter['errorCode']; attempts?: number; brokerOrderId?: number };

const maximumReasonLength = 2_000;

export class DeadLetterQueue implements DeadLetterSink {
  /** Letters that were IN_FLIGHT when the queue opened (the app stopped mid-send); now UNKNOWN. */
  readonly interruptedOnOpen: readonly DeadLetter[];
  readonly #database: AppDatabase;
  readonly #journal: Journal;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #letters: DeadLetterRepository;
  readonly #listeners: ListenerSet<DeadLetterEvent>;

  constructor(options: DeadLetterQueueOptions) {
    this.#database = options.database;
    this.#journal = options.journal;
    this.#clock = options.clock;
    this.#logger = (options.logger ?? silentLogger).child({ component: 'dead-letter-queue' });
    this.#letters = new DeadLetterRepository(options.database);
    this.#listeners = new ListenerSet('dead-letter queue', this.#logger);
    this.interruptedOnOpen = this.#markInterrupted();
  }

  /** Hears every change after it committed. */
  subscribe(listener: (event: DeadLetterEvent) => void): Disposable {
    return this.#listeners.add(listener);
  }

  /**
   * Files an order that could not be sent. A new ref becomes a PENDING letter; a PENDING letter
   * of the same ref gets the new reason and more attempts; an IN_FLIGHT letter is returned as it
   * is (its resubmit records the outcome); any other status is a 'conflict' (that ref was already
   * sent, or given up: a new order needs a new ref).
   */
  capture(capture: DeadLetterCapture): DeadLetter {
    const request = checkDeadLetterRequest(capture.request, 'validation', 'dead letter request');
    const attempts = capture.attempts;
    if (!Number.isSafeInteger(attempts) || attempts < 1) throw new AppError('validation', `dead letter attempts must be an integer ≥ 1, got ${String(attempts)}`);
    const reason = checkReason(capture.reason, 'reason');
    const { letter, change } = this.#database.transaction(() => this.#captureInTransaction(request, reason, capture.errorCode, attempts));
    if (change !== undefined) this.#announce(change, letter);
    return letter;
  }

  get(id: number): DeadLetter | undefined {
    return this.#letters.get(id);
  }

  byClientOrderRef(clientOrderRef: string): DeadLetter | undefined {
    return this.#letters.byClientOrderRef(clientOrderRef);
  }

  /** Every letter oldest first, or only those of the given status(es). */
  list(filter: { readonly status?: DeadLetterStatus | readonly DeadLetterStatus[] } = {}): DeadLetter[] {
    const status = filter.status;
    return this.#letters.list(status === undefined ? undefined : typeof status === 'string' ? [status] : status);
  }

  /**
   * Sends a PENDING letter again through `broker`. The letter is marked IN_FLIGHT (committed)
   * before the request leaves; then RESUBMITTED, PENDING (not sent, new reason) or UNKNOWN.
   * Throws 'not-found' / 'conflict' (not PENDING) before anything is sent.
   */
  async resubmit(id: number, broker: DeadLetterBroker): Promise<ResubmitResult> {
    const started = this.#move(id, 'IN_FLIGHT', 'resubmit-started', (letter) => ({ attempts: letter.attempts + 1 }));
    let brokerOrderId: number;
    try {
      brokerOrderId = await send(started.request, broker);
    } catch (caught) {
      return this.#recordFailedResubmit(id, caught);
    }
    const letter = this.#move(id, 'RESUBMITTED', 'resubmitted', () => ({ reason: `resubmitted as broker order ${brokerOrderId}`, brokerOrderId }));
    return { outcome: 'resubmitted', letter, brokerOrderId };
  }

  /** Gives a PENDING or UNKNOWN letter up for good, with the operator's reason. */
  discard(id: number, reason: string): DeadLetter {
    const why = checkReason(reason, 'discard reason');
    return this.#move(id, 'DISCARDED', 'discarded', () => ({ reason: why }));
  }

  /** Settles an UNKNOWN letter from what the broker knows of its client order ref. */
  resolveUnknown(id: number, resolution: UnknownOutcomeResolution, note?: string): DeadLetter {
    if (resolution.found) {
      const brokerOrderId = resolution.brokerOrderId;
      if (!Number.isSafeInteger(brokerOrderId) || brokerOrderId < 0) throw new AppError('validation', `broker order id must be an integer ≥ 0, got ${String(brokerOrderId)}`);
      return this.#move(id, 'RESUBMITTED', 'resolved', () => ({ reason: checkReason(note ?? `the broker has it as order ${brokerOrderId}`, 'note'), brokerOrderId }), 'UNKNOWN');
    }
    return this.#move(id, 'PENDING', 'resolved', () => ({ reason: checkReason(note ?? 'the broker never received it: it may be resubmitted', 'note') }), 'UNKNOWN');
  }

  #captureInTransaction(request: DeadLetterRequest, reason: string, errorCode: DeadLetter['errorCode'], attempts: number): { letter: DeadLetter; change?: DeadLetterChange } {
    const existing = this.#letters.byClientOrderRef(deadLetterRef(request));
    if (existing === undefined) {
      const id = this.#letters.insert({ request, reason, errorCode, attempts, time: this.#clock.now() });
      const letter = this.#require(id);
      this.#append('dead-letter.captured', { letter: withoutUndefined(letter) as DeadLetter });
      return { letter, change: 'captured' };
    }
    if (existing.status === 'IN_FLIGHT') return { letter: existing };
    if (existing.status !== 'PENDING') {
      throw new AppError('conflict', `order ${existing.clientOrderRef} already has dead letter ${existing.id} in status ${existing.status}: a new order needs a new client order ref`, {
        details: { deadLetterId: existing.id, status: existing.status },
      });
    }
    return { letter: this.#write(existing, 'PENDING', 'failed-again', { reason, errorCode, attempts: existing.attempts + attempts }), change: 'failed-again' };
  }

  #recordFailedResubmit(id: number, caught: unknown): ResubmitResult {
    const error = toAppError(caught);
    if (caught instanceof BrokerRequestError && caught.sendOutcome === 'not-sent') {
      const letter = this.#move(id, 'PENDING', 'resubmit-failed', () => ({ reason: `resubmit failed: ${error.message}`, errorCode: error.code }));
      return { outcome: 'failed', letter, error };
    }
    const reason = `resubmit outcome unknown (${error.message}): resolve it by client order ref before sending again`;
    const letter = this.#move(id, 'UNKNOWN', 'outcome-unknown', () => ({ reason, errorCode: error.code }));
    this.#logger.warn('dead letter resubmit outcome unknown', { deadLetterId: id, clientOrderRef: letter.clientOrderRef, error: error.message });
    return { outcome: 'unknown', letter, error };
  }

  /** One checked status change in one transaction (re-read inside it), announced after commit. */
  #move(id: number, to: DeadLetterStatus, change: DeadLetterChange, edit: (letter: DeadLetter) => Edit, requiredFrom?: DeadLetterStatus): DeadLetter {
    const letter = this.#database.transaction(() => {
      const current = this.#require(id);
      if ((requiredFrom !== undefined && current.status !== requiredFrom) || !canMoveDeadLetter(current.status, to)) {
        throw new AppError('conflict', `dead letter ${id} (${current.clientOrderRef}) is ${current.status}: it cannot become ${to}${hint(current.status)}`, {
          details: { deadLetterId: id, status: current.status, wanted: to },
        });
      }
      return this.#write(current, to, change, edit(current));
    });
    this.#announce(change, letter);
    return letter;
  }

  #write(current: DeadLetter, to: DeadLetterStatus, change: DeadLetterChange, edit: Edit): DeadLetter {
    const time = Math.max(this.#clock.now(), current.updatedAt);
    const next = { reason: truncate(edit.reason ?? current.reason), errorCode: edit.errorCode ?? current.errorCode, attempts: edit.attempts ?? current.attempts, brokerOrderId: edit.brokerOrderId };
    this.#letters.update(current.id, { status: to, ...next, time });
    this.#append('dead-letter.changed', withoutUndefined({ id: current.id, clientOrderRef: current.clientOrderRef, change, from: current.status, to, ...next, time }) as DeadLetterJournalPayloads['dead-letter.changed']);
    return this.#require(current.id);
  }

  #markInterrupted(): DeadLetter[] {
    const interrupted = this.#database.transaction(() =>
      this.#letters.list(['IN_FLIGHT']).map((letter) =>
        this.#write(letter, 'UNKNOWN', 'interrupted', { reason: 'the app stopped while this letter was being resubmitted: its outcome is unknown until the reconciler finds its client order ref' }),
      ),
    );
    for (const letter of interrupted) this.#logger.warn('dead letter was in flight when the app stopped: outcome unknown', { deadLetterId: letter.id, clientOrderRef: letter.clientOrderRef });
    return interrupted;
  }

  #append<Type extends keyof DeadLetterJournalPayloads>(type: Type, payload: DeadLetterJournalPayloads[Type]): void {
    this.#journal.append(type, payload);
  }

  #require(id: number): DeadLetter {
    const letter = this.#letters.get(id);
    if (letter === undefined) throw new AppError('not-found', `no dead letter with id ${id}`, { details: { deadLetterId: id } });
    return letter;
  }

  #announce(change: DeadLetterChange, letter: DeadLetter): void {
    this.#listeners.emit({ change, letter });
  }
}

async function send(request: DeadLetterRequest, broker: DeadLetterBroker): Promise<number> {
  if (request.kind === 'order') return (await broker.placeOrder(request.order)).brokerOrderId;
  return (await broker.placeBracketOrder(request.bracket)).parent;
}

function hint(status: DeadLetterStatus): string {
  if (status === 'UNKNOWN') return ' (its outcome is unknown: the reconciler must resolve it by client order ref first)';
  if (status === 'IN_FLIGHT') return ' (a resubmit is in flight)';
  return '';
}

function checkReason(reason: unknown, what: string): string {
  if (typeof reason !== 'string' || reason.trim().length === 0) throw new AppError('validation', `dead letter ${what} must be a non-empty string, got ${JSON.stringify(reason)}`);
  return truncate(reason);
}

function truncate(reason: string): string {
  return reason.length <= maximumReasonLength ? reason : `${reason.slice(0, maximumReasonLength - 1)}…`;
}
