// THE reconciler: broker truth against the order book of record, on every start and reconnect
// (see reconciliation-trigger.ts for when). One run:
//   1. journal 'reconciliation.started'; ask open orders, executions since the window start and
//      positions at once. Any failure (or timeout) → { ok: false }: nothing is resolved, the
//      governor stays unreconciled (a missing answer is not an empty one: unknown is not flat);
//   2. CREATED orders left by a stop → cancelled locally (settleUnsentOrders);
//   3. executions we lack → fills through the OMS; foreign ones reported (adoptExecutions);
//   4. broker statuses of our open orders adopted through the transition table (adoptBrokerStatuses);
//   5. working orders the broker no longer shows → INACTIVE (never sent) or CANCELLED (markAbsentOrders);
//   6. orders in doubt reported and their flags cleared; UNKNOWN dead letters resolved;
//   7. positions from our fills against the broker's, exactly per contract;
//   8. the governor is marked reconciled only when nothing is mismatched or in flight; the
//      watermark is saved; 'reconciliation.finished' is journaled; events are published.
// Runs are serialized. Every step is idempotent: a second run changes nothing.
import type { Clock } from '../../../core/clock.ts';
import { toAppError } from '../../../core/errors.ts';
import type { Disposable } from '../../../core/lifecycle.ts';
import { silentLogger, type Logger } from '../../../core/logger.ts';
import { DEFAULT_BROKER_CALL_TIMEOUT_MS } from '../../../execution/broker-call.ts';
import { ListenerSet } from '../listener-set.ts';
import { queryBroker } from './broker-view.ts';
import { resolveDeadLetters } from './dead-letter-resolution.ts';
import { adoptExecutions } from './execution-adoption.ts';
import { adoptBrokerStatuses, markAbsentOrders, settleUnsentOrders } from './order-statuses.ts';
import { ordersInDoubt, settleDoubts } from './orders-in-doubt.ts';
import { comparePositions, describeMismatch } from './position-comparison.ts';
import { emptyReport, ownOrder, type ReconcileRun } from './reconcile-run.ts';
import { executionWindowStart, nextMemory } from './reconciler-memory.ts';
import type { ReconcilerBroker, ReconcilerDeadLetters, ReconcilerGovernor, ReconcilerJournalAppend, ReconcilerMemory, ReconcilerMemoryStore, ReconcilerOrderBook } from './reconciler-ports.ts';
import { finishedEntry } from './reconciliation-journal.ts';
import type { Discrepancy, ReconcilerEvent, ReconcileTrigger, ReconciliationFailure, ReconciliationResult, ReconciliationSuccess } from './reconciliation-result.ts';

export const DEFAULT_WATERMARK_MARGIN_MS = 10 * 60_000;
export const DEFAULT_RECONCILE_QUERY_TIMEOUT_MS = 60_000;

export interface ReconcilerOptions {
  readonly book: ReconcilerOrderBook;
  readonly broker: ReconcilerBroker;
  readonly governor: ReconcilerGovernor;
  readonly clock: Clock;
  readonly memory: ReconcilerMemoryStore;
  readonly append: ReconcilerJournalAppend;
  readonly deadLetters?: ReconcilerDeadLetters;
  /** Executions are read from the last watermark minus this (default 10 minutes). */
  readonly watermarkMarginMs?: number;
  /** On runs after the first, a PENDING_SUBMIT order younger than this may still be on its way (default: the OMS's broker-call deadline, 30 s). */
  readonly inFlightGraceMs?: number;
  /** Each broker query must answer within this (default 60 s). */
  readonly queryTimeoutMs?: number;
  readonly logger?: Logger;
}

export interface ReconcileOptions {
  readonly trigger?: ReconcileTrigger;
  /** Aborted when the connection drops during the run: its answers are stale, nothing is applied. */
  readonly signal?: AbortSignal;
}

export class Reconciler {
  readonly #options: ReconcilerOptions;
  readonly #marginMs: number;
  readonly #graceMs: number;
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  readonly #listeners: ListenerSet<ReconcilerEvent>;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(options: ReconcilerOptions) {
    this.#options = options;
    this.#marginMs = nonNegative('watermarkMarginMs', options.watermarkMarginMs ?? DEFAULT_WATERMARK_MARGIN_MS);
    this.#graceMs = nonNegative('inFlightGraceMs', options.inFlightGraceMs ?? DEFAULT_BROKER_CALL_TIMEOUT_MS);
    this.#timeoutMs = nonNegative('queryTimeoutMs', options.queryTimeoutMs ?? DEFAULT_RECONCILE_QUERY_TIMEOUT_MS, true);
    this.#logger = (options.logger ?? silentLogger).child({ component: 'reconciler' });
    this.#listeners = new ListenerSet('reconciler', this.#logger);
  }

  subscribe(listener: (event: ReconcilerEvent) => void): Disposable {
    return this.#listeners.add(listener);
  }

  /** Runs one reconciliation after any run in progress; never rejects (a broken run is { ok: false }). */
  reconcile(options: ReconcileOptions = {}): Promise<ReconciliationResult> {
    const run = this.#tail.then(() => this.#run(options.trigger ?? 'manual', options.signal));
    this.#tail = run;
    return run;
  }

  async #run(trigger: ReconcileTrigger, signal: AbortSignal | undefined): Promise<ReconciliationResult> {
    const startedAt = this.#options.clock.now();
    try {
      const memory = this.#options.memory.load();
      const since = executionWindowStart(memory, this.#marginMs, this.#openSince());
      this.#options.append('reconciliation.started', { trigger, since, time: startedAt });
      this.#listeners.emit({ type: 'started', trigger, since, at: startedAt });
      const query = await queryBroker(this.#options.broker, this.#options.clock, since, this.#timeoutMs);
      if (signal?.aborted === true) return this.#fail(trigger, startedAt, 'superseded: the connection dropped while the broker was being asked', false);
      if (!query.ok) return this.#fail(trigger, startedAt, query.reason, true);
      const run: ReconcileRun = { book: this.#options.book, view: query.view, trigger, now: startedAt, inFlightGraceMs: this.#graceMs, report: emptyReport() };
      this.#apply(run, memory);
      return this.#succeed(run, since, memory);
    } catch (error) {
      return this.#fail(trigger, startedAt, `the reconciliation broke: ${toAppError(error).message}`, true);
    }
  }

  /** Creation times of every order that may have executions we lack: open orders, flagged ones, unknown dead letters. */
  #openSince(): number[] {
    const { book, deadLetters } = this.#options;
    const flagged = book.unknownOutcomes().flatMap((outcome) => ownOrder(book, outcome.clientOrderRef)?.createdAt ?? outcome.since);
    const letters = deadLetters?.list({ status: 'UNKNOWN' }).map((letter) => letter.createdAt) ?? [];
    return [...book.openOrders().map((order) => order.createdAt), ...flagged, ...letters];
  }

  #apply(run: ReconcileRun, memory: ReconcilerMemory | undefined): void {
    const doubts = ordersInDoubt(run);
    settleUnsentOrders(run);
    adoptExecutions(run, new Set(memory?.reportedForeignExecutions.map((entry) => entry.executionId)));
    adoptBrokerStatuses(run);
    markAbsentOrders(run);
    settleDoubts(run, doubts);
    resolveDeadLetters(run, this.#options.deadLetters);
  }

  #succeed(run: ReconcileRun, since: number, memory: ReconcilerMemory | undefined): ReconciliationSuccess {
    const positionMismatches = comparePositions(run.book.bookPositions(), run.view.positions);
    const { inFlightOrders } = run.report;
    const problems = [
      ...positionMismatches.map((mismatch) => `position mismatch ${describeMismatch(mismatch)}`),
      ...(inFlightOrders.length === 0 ? [] : [`${inFlightOrders.length} order(s) may still be on their way to the broker: ${inFlightOrders.map((order) => order.clientOrderRef).join(', ')}`]),
    ];
    const reported = run.report.foreignExecutions.map(({ execution }) => ({ executionId: String(execution.executionId), time: execution.time }));
    this.#options.memory.save(nextMemory(memory, run.now, since, reported));
    const reason = problems.length === 0 ? undefined : problems.join('; ');
    if (reason === undefined) this.#options.governor.markReconciled();
    else this.#options.governor.markUnreconciled(reason);
    const result: ReconciliationSuccess = { ok: true, trigger: run.trigger, startedAt: run.now, finishedAt: this.#options.clock.now(), since, reconciled: reason === undefined, reason, ...run.report, positionMismatches };
    this.#finish(result);
    return result;
  }

  #fail(trigger: ReconcileTrigger, startedAt: number, reason: string, markGovernor: boolean): ReconciliationFailure {
    const result: ReconciliationFailure = { ok: false, trigger, startedAt, finishedAt: this.#options.clock.now(), reason };
    try {
      if (markGovernor) this.#options.governor.markUnreconciled(`reconciliation failed: ${reason}`);
      this.#finish(result);
    } catch (error) {
      this.#logger.error('could not record a failed reconciliation', { reason, error: toAppError(error).message });
    }
    return result;
  }

  #finish(result: ReconciliationResult): void {
    this.#options.append('reconciliation.finished', finishedEntry(result));
    if (result.ok) {
      for (const discrepancy of discrepanciesOf(result)) this.#listeners.emit({ type: 'discrepancy', discrepancy });
      const counts = { adoptedFills: result.adoptedFills.length, resolvedOrders: result.resolvedOrders.length, markedOrders: result.markedOrders.length, positionMismatches: result.positionMismatches.length };
      if (result.reconciled) this.#logger.info('reconciled', counts);
      else this.#logger.warn('reconciliation found discrepancies: automation stays disabled', { ...counts, reason: result.reason });
    } else {
      this.#logger.warn('reconciliation failed: automation stays disabled', { reason: result.reason });
    }
    this.#listeners.emit({ type: 'finished', result });
  }
}

function discrepanciesOf(result: ReconciliationSuccess): Discrepancy[] {
  return [
    ...result.foreignExecutions.filter((foreign) => foreign.firstReported).map((foreign) => ({ kind: 'foreign-execution' as const, foreign })),
    ...result.foreignOrders.map((order) => ({ kind: 'foreign-order' as const, order })),
    ...result.positionMismatches.map((mismatch) => ({ kind: 'position-mismatch' as const, mismatch })),
    ...result.refusedTransitions.filter((refused) => !refused.alreadyRecorded).map((refused) => ({ kind: 'refused-transition' as const, refused })),
  ];
}

function nonNegative(name: string, value: number, positive = false): number {
  if (!Number.isFinite(value) || value < 0 || (positive && value === 0)) throw new RangeError(`${name} must be a finite number ${positive ? '>' : '≥'} 0 of milliseconds, got ${String(value)}`);
  return value;
}
