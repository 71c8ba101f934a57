// What the crash test compares after a restart: the app's book of record (orders, fills, journal)
// and the paper broker's account (orders ever placed, executions, positions), gathered by the
// restarted child while its clock is paused, so neither side moves between the reads. The parent
// judges them (crash-invariants.ts); the child only reports.
import Database from 'better-sqlite3';
import { contractKey } from '../../../shared/domain/contract.ts';
import { actionSign } from '../../../shared/domain/order-types.ts';
import type { WorkstationEngine } from '../../../electron/app/workstation-engine.ts';

export interface OrderFact {
  readonly id: string;
  readonly ref: string;
  readonly status: string;
  readonly brokerOrderId: number | undefined;
  readonly quantity: number;
  readonly filledQuantity: number;
  /** Clock time of its last status change (compared with the process's start). */
  readonly updatedAt: number;
}

export interface FillFact {
  readonly executionId: string;
  readonly orderId: string;
  readonly ref: string;
}

export interface BrokerOrderFact {
  readonly ref: string;
  readonly brokerOrderId: number;
  readonly state: string;
  readonly filledQuantity: number;
}

export interface BrokerExecutionFact {
  readonly executionId: string;
  readonly ref: string;
}

export interface CrashFacts {
  /** Clock time at which this process started (before its databases opened). */
  readonly startedAt: number;
  /** The governor's flag after the start reconciliation, and why not when it is false. */
  readonly reconciled: boolean;
  readonly notReconciledReason: string | undefined;
  readonly orders: readonly OrderFact[];
  readonly fills: readonly FillFact[];
  /** Signed quantity per contract key, flat ones left out: from our fills, and from the broker. */
  readonly bookPositions: Readonly<Record<string, number>>;
  readonly brokerPositions: Readonly<Record<string, number>>;
  /** Every order the paper account ever took (its own table), with its state now. */
  readonly brokerOrders: readonly BrokerOrderFact[];
  readonly brokerExecutions: readonly BrokerExecutionFact[];
  /** Placements the broker refused because the ref was used before: a resend attempt. */
  readonly refusedAsReused: readonly string[];
  readonly integrity: { readonly app: string; readonly paper: string };
  readonly journal: { readonly ok: boolean; readonly entries: number; readonly problem: string | undefined };
  /** What the start reconciliation did (counts), to show which recovery paths a run exercised. */
  readonly recovery: Readonly<Record<string, number>>;
}

function integrityOf(connection: Database.Database): string {
  const rows = connection.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((row) => row.integrity_check).join('; ');
}

function signedTotals(lines: Iterable<{ key: string; quantity: number }>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const { key, quantity } of lines) totals[key] = (totals[key] ?? 0) + quantity;
  for (const key of Object.keys(totals)) if (totals[key] === 0) delete totals[key];
  return totals;
}

/** The paper account's own record of every order it took, read through a second (read-only) connection. */
function readPaperAccount(file: string): { orders: BrokerOrderFact[]; integrity: string } {
  const connection = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = connection.prepare(`SELECT client_order_ref AS ref, broker_order_id AS brokerOrderId, state, json_extract(data, '$.filledQuantity') AS filledQuantity
       FROM paper_orders ORDER BY broker_order_id`).all() as BrokerOrderFact[];
    return { orders: rows, integrity: integrityOf(connection) };
  } finally {
    connection.close();
  }
}

export async function collectFacts(engine: WorkstationEngine, startedAt: number): Promise<CrashFacts> {
  const risk = engine.services.governor.state();
  const { store, paperBroker } = engine;
  const [executions, positions] = await Promise.all([paperBroker.executions(0), paperBroker.positions()]);
  const paper = readPaperAccount(paperBroker.storeFile);
  const verification = engine.journal.verify();
  const refused = engine.journal
    .read({ types: ['oms.request-outcome'] })
    .map((entry) => entry.payload as { clientOrderRef?: string; code?: string })
    .filter((payload) => payload.code === 'conflict')
    .map((payload) => String(payload.clientOrderRef));
  const fills = store.fills.listAll();
  return {
    startedAt,
    reconciled: risk.reconciled,
    notReconciledReason: risk.reconciled ? undefined : (lastReconciliationReason(engine) ?? 'unknown'),
    orders: store.orders.listAll().map((order) => ({
      id: order.id,
      ref: order.clientOrderRef,
      status: order.status,
      brokerOrderId: order.brokerOrderId,
      quantity: order.quantity,
      filledQuantity: order.filledQuantity,
      updatedAt: order.updatedAt,
    })),
    fills: fills.map((fill) => ({ executionId: fill.id, orderId: fill.orderId, ref: fill.clientOrderRef })),
    bookPositions: signedTotals(fills.map((fill) => ({ key: contractKey(fill.contract), quantity: actionSign(fill.action) * fill.quantity }))),
    brokerPositions: signedTotals(positions.map((position) => ({ key: contractKey(position.contract), quantity: position.quantity }))),
    brokerOrders: paper.orders,
    brokerExecutions: executions.map((execution) => ({ executionId: execution.executionId, ref: execution.clientOrderRef })),
    refusedAsReused: refused,
    integrity: { app: integrityOf(engine.database.connection), paper: paper.integrity },
    journal: verification.ok ? { ok: true, entries: verification.entries, problem: undefined } : { ok: false, entries: 0, problem: verification.problem.message },
    recovery: recoveryCounts(lastReconciliation(engine)),
  };
}

type FinishedPayload = { reason?: string } & Record<string, unknown>;

function lastReconciliation(engine: WorkstationEngine): FinishedPayload | undefined {
  return engine.journal.read({ types: ['reconciliation.finished'] }).at(-1)?.payload as FinishedPayload | undefined;
}

function lastReconciliationReason(engine: WorkstationEngine): string | undefined {
  return lastReconciliation(engine)?.reason;
}

function recoveryCounts(payload: FinishedPayload | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of ['adoptedFills', 'markedOrders', 'adoptedStatuses', 'resolvedOrders', 'foreignExecutions', 'positionMismatches']) {
    const list = payload?.[key];
    counts[key] = Array.isArray(list) ? list.length : 0;
  }
  return counts;
}
