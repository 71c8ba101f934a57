// The crash test's judge on hand-made facts: each invariant names what broke, and a consistent
// book passes. (The crash test itself cannot show that a check fails when it should.)
import { describe, expect, it } from 'vitest';
import type { CrashFacts, OrderFact } from './crash-facts.ts';
import { crashInvariantViolations } from './crash-invariants.ts';

const startedAt = 1_772_462_100_000;
const filledEntry: OrderFact = { id: 'ORD-000001', ref: 'OWS-000001', status: 'FILLED', brokerOrderId: 1, quantity: 2, filledQuantity: 2, updatedAt: startedAt - 5_000 };

function facts(overrides: Partial<CrashFacts> = {}): CrashFacts {
  return {
    startedAt,
    reconciled: true,
    notReconciledReason: undefined,
    orders: [filledEntry],
    fills: [{ executionId: 'paper.1.1', orderId: 'ORD-000001', ref: 'OWS-000001' }],
    bookPositions: { 'SPY 680C 2026-03-20': 2 },
    brokerPositions: { 'SPY 680C 2026-03-20': 2 },
    brokerOrders: [{ ref: 'OWS-000001', brokerOrderId: 1, state: 'FILLED', filledQuantity: 2 }],
    brokerExecutions: [{ executionId: 'paper.1.1', ref: 'OWS-000001' }],
    refusedAsReused: [],
    integrity: { app: 'ok', paper: 'ok' },
    journal: { ok: true, entries: 12, problem: undefined },
    recovery: {},
    ...overrides,
  };
}

describe('crash invariants', () => {
  it('when the book and the broker agree, then nothing is reported', () => {
    expect(crashInvariantViolations(facts())).toEqual([]);
  });

  it('when a broker execution is not among our fills, then the lost fill and the position gap are both named', () => {
    const violations = crashInvariantViolations(facts({ fills: [], bookPositions: {} }));
    expect(violations).toEqual([
      'execution paper.1.1 (OWS-000001) is missing from our fills',
      'position SPY 680C 2026-03-20: 0 from our fills, 2 at the broker',
    ]);
  });

  it('when the broker holds a ref that is none of ours, or a ref was refused as reused, then the order sent twice is named', () => {
    const brokerOrders = [...facts().brokerOrders, { ref: 'OWS-500001', brokerOrderId: 2, state: 'SUBMITTED', filledQuantity: 0 }];
    expect(crashInvariantViolations(facts({ brokerOrders, refusedAsReused: ['OWS-000001'] }))).toEqual([
      'the broker holds order 2 with ref OWS-500001, which is none of ours',
      'ref OWS-000001 was sent again and refused by the broker as already used',
    ]);
  });

  it('when an order is CREATED after the start reconciliation, then it is reported even though the broker never had it', () => {
    const created: OrderFact = { id: 'ORD-000002', ref: 'OWS-000002', status: 'CREATED', brokerOrderId: undefined, quantity: 1, filledQuantity: 0, updatedAt: startedAt - 1 };
    expect(crashInvariantViolations(facts({ orders: [filledEntry, created] }))).toEqual([
      'ORD-000002 (OWS-000002) is CREATED (filled 0) after the start reconciliation (the broker never had it)',
    ]);
  });

  it('when an order is PENDING_SUBMIT, then only a broker order still PENDING_SUBMIT makes it legitimately in flight', () => {
    const pending: OrderFact = { id: 'ORD-000002', ref: 'OWS-000002', status: 'PENDING_SUBMIT', brokerOrderId: undefined, quantity: 1, filledQuantity: 0, updatedAt: startedAt - 1 };
    const atBroker = (state: string) => [...facts().brokerOrders, { ref: 'OWS-000002', brokerOrderId: 2, state, filledQuantity: 0 }];
    expect(crashInvariantViolations(facts({ orders: [filledEntry, pending], brokerOrders: atBroker('PENDING_SUBMIT') }))).toEqual([]);
    expect(crashInvariantViolations(facts({ orders: [filledEntry, pending], brokerOrders: atBroker('SUBMITTED') }))).toEqual([
      'ORD-000002 (OWS-000002) is PENDING_SUBMIT (filled 0) but the broker shows SUBMITTED (filled 0)',
    ]);
    expect(crashInvariantViolations(facts({ orders: [filledEntry, pending] }))).toEqual(['ORD-000002 (OWS-000002) is PENDING_SUBMIT (filled 0) but the broker never had it']);
  });

  it('when a cancel is pending since before the restart and the broker still works the order, then it is stuck; one requested since the start is in flight', () => {
    const cancelling: OrderFact = { id: 'ORD-000002', ref: 'OWS-000002', status: 'PENDING_CANCEL', brokerOrderId: 2, quantity: 1, filledQuantity: 0, updatedAt: startedAt - 1 };
    const brokerOrders = [...facts().brokerOrders, { ref: 'OWS-000002', brokerOrderId: 2, state: 'SUBMITTED', filledQuantity: 0 }];
    expect(crashInvariantViolations(facts({ orders: [filledEntry, cancelling], brokerOrders }))).toEqual([
      'ORD-000002 (OWS-000002) is PENDING_CANCEL (filled 0) since before the restart, but the broker shows SUBMITTED (filled 0)',
    ]);
    expect(crashInvariantViolations(facts({ orders: [filledEntry, { ...cancelling, updatedAt: startedAt + 10 }], brokerOrders }))).toEqual([]);
  });

  it('when our order is final but the broker still works it (or the reverse), then the mismatch is named', () => {
    const inactive: OrderFact = { ...filledEntry, status: 'INACTIVE', filledQuantity: 0 };
    const working = [{ ref: 'OWS-000001', brokerOrderId: 1, state: 'SUBMITTED', filledQuantity: 0 }];
    const quiet = { fills: [], brokerExecutions: [], bookPositions: {}, brokerPositions: {} };
    expect(crashInvariantViolations(facts({ ...quiet, orders: [inactive], brokerOrders: working }))).toEqual(['ORD-000001 (OWS-000001) is INACTIVE (filled 0) but the broker shows SUBMITTED (filled 0)']);
    const submitted: OrderFact = { ...filledEntry, status: 'SUBMITTED', filledQuantity: 0 };
    const cancelled = [{ ref: 'OWS-000001', brokerOrderId: 1, state: 'CANCELLED', filledQuantity: 0 }];
    expect(crashInvariantViolations(facts({ ...quiet, orders: [submitted], brokerOrders: cancelled }))).toEqual(['ORD-000001 (OWS-000001) is SUBMITTED (filled 0) but the broker shows CANCELLED (filled 0)']);
  });

  it('when the reconciliation failed, a database is damaged or the journal breaks, then each is reported', () => {
    const broken = facts({ reconciled: false, notReconciledReason: 'position mismatch', integrity: { app: 'ok', paper: 'row 3 missing from index' }, journal: { ok: false, entries: 0, problem: 'hash mismatch at 7' } });
    expect(crashInvariantViolations(broken)).toEqual([
      'the start reconciliation did not reconcile: position mismatch',
      'PRAGMA integrity_check of the paper account: row 3 missing from index',
      'the journal does not verify: hash mismatch at 7',
    ]);
  });
});
