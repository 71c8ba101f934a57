// A dead letter: an order (or bracket) that could not be sent, kept until an operator or the
// app re-submits or discards it. Never dropped silently, never deleted.
//
// Statuses:
//   PENDING ──resubmit──► IN_FLIGHT ──sent──► RESUBMITTED (final, with the broker order id)
//      │                     ├──not sent──► PENDING (with the new reason)
//      │                     └──outcome unknown / app stopped──► UNKNOWN
//      └──discard──► DISCARDED (final)     UNKNOWN ──reconciler──► RESUBMITTED | PENDING; or discard
// IN_FLIGHT is written (and committed) before the request is sent, so the same letter cannot be
// sent twice; an IN_FLIGHT letter found when the queue opens belongs to a run that stopped
// mid-send: it becomes UNKNOWN and is never resent automatically.
import type { ClientOrderRef } from '../../../shared/domain/ids.ts';
import type { ErrorCode } from '../../core/errors.ts';
import type { DeadLetterRequest } from './dead-letter-request.ts';

export const DEAD_LETTER_STATUSES = ['PENDING', 'IN_FLIGHT', 'UNKNOWN', 'RESUBMITTED', 'DISCARDED'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

const nextStatuses: Readonly<Record<DeadLetterStatus, readonly DeadLetterStatus[]>> = {
  PENDING: ['IN_FLIGHT', 'DISCARDED'],
  IN_FLIGHT: ['RESUBMITTED', 'PENDING', 'UNKNOWN'],
  UNKNOWN: ['RESUBMITTED', 'PENDING', 'DISCARDED'],
  RESUBMITTED: [],
  DISCARDED: [],
};

export function canMoveDeadLetter(from: DeadLetterStatus, to: DeadLetterStatus): boolean {
  return nextStatuses[from].includes(to);
}

export interface DeadLetter {
  readonly id: number;
  readonly clientOrderRef: ClientOrderRef;
  readonly request: DeadLetterRequest;
  readonly status: DeadLetterStatus;
  /** The latest word on the letter: why the last send failed, or why it was discarded or resolved. */
  readonly reason: string;
  /** The error code of the last failure. */
  readonly errorCode: ErrorCode;
  /** Send calls made for this order (each call may have retried inside; a resubmit counts one). */
  readonly attempts: number;
  /** Set once RESUBMITTED: the broker's id (the parent's, for a bracket). */
  readonly brokerOrderId: number | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What the sender knows when an order could not be sent. */
export interface DeadLetterCapture {
  readonly request: DeadLetterRequest;
  readonly reason: string;
  readonly errorCode: ErrorCode;
  /** Send calls made before giving up (≥ 1). */
  readonly attempts: number;
}

/** Where ResilientBroker puts orders it could not send (the DeadLetterQueue, or a fake in tests). */
export interface DeadLetterSink {
  capture(capture: DeadLetterCapture): DeadLetter;
}

/** What happened to a letter, as journaled and heard by subscribers. */
export const DEAD_LETTER_CHANGES = [
  'captured', 'failed-again', 'resubmit-started', 'resubmitted', 'resubmit-failed', 'outcome-unknown', 'interrupted', 'resolved', 'discarded',
] as const;
export type DeadLetterChange = (typeof DEAD_LETTER_CHANGES)[number];

/** Journal entry types written by the dead-letter queue. */
export const DEAD_LETTER_JOURNAL_TYPES = ['dead-letter.captured', 'dead-letter.changed'] as const;

export interface DeadLetterJournalPayloads {
  /** A new letter, with its full request (undefined fields left out). */
  'dead-letter.captured': { readonly letter: DeadLetter };
  /** Any later change; the request is not repeated. */
  'dead-letter.changed': {
    readonly id: number;
    readonly clientOrderRef: ClientOrderRef;
    readonly change: DeadLetterChange;
    readonly from: DeadLetterStatus;
    readonly to: DeadLetterStatus;
    readonly reason: string;
    readonly errorCode: ErrorCode;
    readonly attempts: number;
    readonly brokerOrderId?: number;
    readonly time: number;
  };
}
