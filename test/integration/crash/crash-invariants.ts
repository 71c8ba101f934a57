// The crash test's judgement of one restart: the facts a restarted child gathered right after its
// start reconciliation (crash-facts.ts) against the invariants of issue 4 item 6. Each broken
// invariant is one sentence naming the order, ref or execution; an empty list means all hold.
//
// "Legitimately in flight" (decided here): after the start reconciliation no order may be CREATED
// (saved, never sent: the reconciler cancels it locally), and an order may be PENDING_SUBMIT only
// while the broker itself shows it PENDING_SUBMIT: the request reached the paper account before
// the kill and is answered after the restart. An order still PENDING_CANCEL from before the
// restart must not be one the broker simply works (SUBMITTED / PRE_SUBMITTED): its cancel may
// have died with the previous process, and PENDING_CANCEL refuses a new cancel, so the reconciler
// must give it back its working status. Every other live status needs a live broker order; every
// final status needs a final broker order, or none at all when the order never left.
import type { BrokerOrderFact, CrashFacts, OrderFact } from './crash-facts.ts';

const brokerLiveStates = new Set(['PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED', 'PENDING_CANCEL']);
/** Acknowledged and working, with no cancel of ours showing. */
const brokerWorking = new Set(['PRE_SUBMITTED', 'SUBMITTED']);

/** Our final statuses and the broker states (undefined: the broker never had it) each may sit beside. */
const finalMatches: Readonly<Record<string, ReadonlySet<string | undefined>>> = {
  FILLED: new Set(['FILLED']),
  CANCELLED: new Set(['CANCELLED', undefined]),
  REJECTED: new Set(['REJECTED', undefined]),
  INACTIVE: new Set(['INACTIVE', undefined]),
};

export function crashInvariantViolations(facts: CrashFacts): string[] {
  return [...reconciliation(facts), ...sentOnce(facts), ...fillsKept(facts), ...positionsMatch(facts), ...statusesConsistent(facts), ...storage(facts)];
}

function reconciliation(facts: CrashFacts): string[] {
  return facts.reconciled ? [] : [`the start reconciliation did not reconcile: ${facts.notReconciledReason ?? 'no reason given'}`];
}

/** Every ref at the broker is one of our orders, no ref reached it twice, and none was resent (refused as reused). */
function sentOnce(facts: CrashFacts): string[] {
  const problems: string[] = [];
  const ours = new Map<string, OrderFact>();
  for (const order of facts.orders) {
    if (ours.has(order.ref)) problems.push(`client order ref ${order.ref} belongs to two of our orders (${ours.get(order.ref)?.id}, ${order.id})`);
    ours.set(order.ref, order);
  }
  const atBroker = new Set<string>();
  for (const broker of facts.brokerOrders) {
    if (atBroker.has(broker.ref)) problems.push(`client order ref ${broker.ref} was placed twice at the broker`);
    atBroker.add(broker.ref);
    const order = ours.get(broker.ref);
    if (order === undefined) problems.push(`the broker holds order ${broker.brokerOrderId} with ref ${broker.ref}, which is none of ours`);
    else if (order.brokerOrderId !== undefined && order.brokerOrderId !== broker.brokerOrderId) {
      problems.push(`${order.id} (${order.ref}) records broker order ${order.brokerOrderId}, but the broker holds that ref as ${broker.brokerOrderId}`);
    }
  }
  for (const ref of facts.refusedAsReused) problems.push(`ref ${ref} was sent again and refused by the broker as already used`);
  return problems;
}

/** Every broker execution is one of our fills, on the order with its ref, and we have no fill the broker never made. */
function fillsKept(facts: CrashFacts): string[] {
  const problems: string[] = [];
  const fills = new Map(facts.fills.map((fill) => [fill.executionId, fill]));
  const executions = new Set(facts.brokerExecutions.map((execution) => execution.executionId));
  for (const execution of facts.brokerExecutions) {
    const fill = fills.get(execution.executionId);
    if (fill === undefined) problems.push(`execution ${execution.executionId} (${execution.ref}) is missing from our fills`);
    else if (fill.ref !== execution.ref) problems.push(`execution ${execution.executionId} is ${execution.ref} at the broker but recorded on ${fill.orderId} (${fill.ref})`);
  }
  for (const fill of facts.fills) if (!executions.has(fill.executionId)) problems.push(`our fill ${fill.executionId} on ${fill.orderId} is unknown to the broker`);
  return problems;
}

function positionsMatch(facts: CrashFacts): string[] {
  const keys = new Set([...Object.keys(facts.bookPositions), ...Object.keys(facts.brokerPositions)]);
  return [...keys]
    .filter((key) => (facts.bookPositions[key] ?? 0) !== (facts.brokerPositions[key] ?? 0))
    .map((key) => `position ${key}: ${facts.bookPositions[key] ?? 0} from our fills, ${facts.brokerPositions[key] ?? 0} at the broker`);
}

function statusesConsistent(facts: CrashFacts): string[] {
  const brokerByRef = new Map(facts.brokerOrders.map((order) => [order.ref, order]));
  return facts.orders.flatMap((order) => {
    const problem = statusProblem(order, brokerByRef.get(order.ref), facts.startedAt);
    return problem === undefined ? [] : [`${order.id} (${order.ref}) is ${order.status} (filled ${order.filledQuantity}) ${problem}`];
  });
}

function statusProblem(order: OrderFact, broker: BrokerOrderFact | undefined, startedAt: number): string | undefined {
  const shown = broker === undefined ? 'the broker never had it' : `the broker shows ${broker.state} (filled ${broker.filledQuantity})`;
  if (broker !== undefined && broker.filledQuantity !== order.filledQuantity) return `but ${shown}`;
  if (order.status === 'CREATED') return `after the start reconciliation (${shown})`;
  const allowed = finalMatches[order.status];
  if (allowed !== undefined) return allowed.has(broker?.state) ? undefined : `but ${shown}`;
  if (broker === undefined || !brokerLiveStates.has(broker.state)) return `but ${shown}`;
  if (order.status === 'PENDING_SUBMIT' && broker.state !== 'PENDING_SUBMIT') return `but ${shown}`;
  if (order.status === 'PENDING_CANCEL' && order.updatedAt < startedAt && brokerWorking.has(broker.state)) return `since before the restart, but ${shown}`;
  return undefined;
}

function storage(facts: CrashFacts): string[] {
  const problems: string[] = [];
  if (facts.integrity.app !== 'ok') problems.push(`PRAGMA integrity_check of the app database: ${facts.integrity.app}`);
  if (facts.integrity.paper !== 'ok') problems.push(`PRAGMA integrity_check of the paper account: ${facts.integrity.paper}`);
  if (!facts.journal.ok) problems.push(`the journal does not verify: ${facts.journal.problem ?? 'no problem given'}`);
  return problems;
}
