// The invariants every simulation must keep (the seeds' validation bar), checked on the record of
// a finished run. Each violation is a sentence naming what broke; an empty list means:
// - every exit was decided by a recorded decision with a complete rule trace;
// - no risk limit was breached (open positions, new positions a day, contracts per order);
// - no orphan or duplicate orders: unique client order refs, every broker execution ours, every
//   order tied to a strategy, nothing left working for a finished strategy;
// - P&L from fills equals P&L from positions and cash: fills and broker executions agree one to
//   one, positions from fills equal the broker's, the cash moved exactly by the fills, and the
//   strategies' realized P&L equals the cash flows of their fills.
import { contractKey } from '../../../shared/domain/contract.ts';
import { add, fromDollars, multiplyByInteger, negate, subtract, sum, ZERO_MONEY, format, type Money } from '../../../shared/domain/money.ts';
import { isWorkingStatus } from '../../../shared/domain/order-status.ts';
import { sessionDate } from '../../market/index.ts';
import { positionsFromFills } from '../../persistence/journal/position-book.ts';
import type { Fill } from '../../../shared/domain/fill.ts';
import { isExpiryExecutionId } from '../../execution/expiration-booker.ts';
import type { SimulationRecord } from './simulation-run.ts';

const RULE_COUNT = 12;
const finished = new Set(['CLOSED', 'ROLLED']);

export function checkInvariants(record: SimulationRecord): string[] {
  return [...exitTraces(record), ...riskLimits(record), ...orderIntegrity(record), ...moneyConsistency(record)];
}

function exitTraces(record: SimulationRecord): string[] {
  const violations: string[] = [];
  for (const strategy of record.strategies) {
    if (!finished.has(strategy.status)) continue;
    const decisions = record.decisionsByStrategy.get(strategy.id) ?? [];
    const exit = decisions.find((decision) => decision.action !== 'HOLD' && decision.createdAt <= (strategy.closedAt ?? Number.POSITIVE_INFINITY));
    if (exit === undefined) violations.push(`strategy ${strategy.id} was ${strategy.status} without a recorded decision`);
    else if (exit.trace.length !== RULE_COUNT) violations.push(`the exit decision ${exit.id} of ${strategy.id} traces ${exit.trace.length} rules, not ${RULE_COUNT}`);
  }
  return violations;
}

function riskLimits(record: SimulationRecord): string[] {
  const { limits } = record;
  const violations: string[] = [];
  const events = record.strategies.flatMap((strategy) => (strategy.openedAt === undefined ? [] : [
    { time: strategy.openedAt, change: 1 },
    ...(strategy.closedAt === undefined ? [] : [{ time: strategy.closedAt, change: -1 }]),
  ]));
  events.sort((a, b) => a.time - b.time || a.change - b.change);
  let open = 0;
  for (const event of events) {
    open += event.change;
    if (open > limits.maxOpenPositions) violations.push(`${open} positions were open at ${new Date(event.time).toISOString()}, above the limit of ${limits.maxOpenPositions}`);
  }
  const perDay = new Map<string, number>();
  for (const strategy of record.strategies) {
    if (strategy.rolledFromId !== undefined || strategy.openedAt === undefined) continue;
    const day = sessionDate(strategy.openedAt);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  for (const [day, count] of perDay) if (count > limits.maxNewPositionsPerDay) violations.push(`${count} new positions opened on ${day}, above the limit of ${limits.maxNewPositionsPerDay}`);
  for (const order of record.orders) {
    if (order.quantity > limits.maxContractsPerOrder) violations.push(`order ${order.id} asked for ${order.quantity} units, above the limit of ${limits.maxContractsPerOrder}`);
  }
  return violations;
}

function orderIntegrity(record: SimulationRecord): string[] {
  const violations: string[] = [];
  const references = new Map<string, number>();
  for (const order of record.orders) references.set(order.clientOrderRef, (references.get(order.clientOrderRef) ?? 0) + 1);
  for (const [reference, count] of references) if (count > 1) violations.push(`client order ref ${reference} was used by ${count} orders`);
  for (const execution of record.brokerExecutions) {
    if (!references.has(execution.clientOrderRef)) violations.push(`broker execution ${execution.executionId} belongs to no order of ours (${execution.clientOrderRef})`);
  }
  const statusOf = new Map(record.strategies.map((strategy) => [strategy.id as string, strategy.status]));
  for (const order of record.orders) {
    if (order.strategyId === undefined) {
      violations.push(`order ${order.id} belongs to no strategy`);
      continue;
    }
    const status = statusOf.get(order.strategyId);
    if (status === undefined) violations.push(`order ${order.id} names an unknown strategy ${order.strategyId}`);
    else if (isWorkingStatus(order.status) && finished.has(status)) violations.push(`order ${order.id} is still ${order.status} for the ${status} strategy ${order.strategyId}`);
  }
  return violations;
}

/** Cash a fill moves: − signed quantity × price × multiplier − commission. */
function cashFlow(fill: Fill): Money {
  const multiplier = fill.contract.kind === 'option' ? fill.contract.multiplier : 1;
  const value = multiplyByInteger(fromDollars(fill.price), fill.quantity * multiplier);
  return subtract(fill.action === 'BUY' ? negate(value) : value, fill.commission);
}

function moneyConsistency(record: SimulationRecord): string[] {
  const violations: string[] = [];
  // Expiries booked by the app (isExpiryExecutionId) have no broker execution: the broker settled them.
  const ourIds = new Set(record.fills.map((fill) => fill.id as string).filter((id) => !isExpiryExecutionId(id)));
  const brokerIds = new Set(record.brokerExecutions.map((execution) => execution.executionId as string));
  for (const id of brokerIds) if (!ourIds.has(id)) violations.push(`broker execution ${id} is missing from our fills`);
  for (const id of ourIds) if (!brokerIds.has(id)) violations.push(`fill ${id} is unknown to the broker`);
  const booked = new Set(record.fills.filter((fill) => isExpiryExecutionId(fill.id)).map((fill) => contractKey(fill.contract)));
  for (const settlement of record.settlements) {
    if (settlement.outcome !== 'expired-worthless' || !booked.has(contractKey(settlement.contract))) {
      violations.push(`${contractKey(settlement.contract)} reached expiry while held and was not booked as expired worthless (${settlement.description})`);
    }
  }

  const ours = new Map([...positionsFromFills(record.fills).values()].filter((position) => position.quantity !== 0).map((position) => [contractKey(position.contract), position.quantity]));
  const broker = new Map(record.brokerPositions.filter((position) => position.quantity !== 0).map((position) => [contractKey(position.contract), position.quantity]));
  for (const key of new Set([...ours.keys(), ...broker.keys()])) {
    if ((ours.get(key) ?? 0) !== (broker.get(key) ?? 0)) violations.push(`position ${key}: ${ours.get(key) ?? 0} from our fills, ${broker.get(key) ?? 0} at the broker`);
  }

  const cashMoved = subtract(record.accountEnd.cash, record.accountStart.cash);
  const fromFills = sum(record.fills.map(cashFlow));
  if (cashMoved !== fromFills) violations.push(`cash moved by ${format(cashMoved, 6)} but the fills account for ${format(fromFills, 6)}`);

  // Each fill belongs to the strategy holding its contract at the fill's time (independently of
  // the tracker's own bookkeeping): a roll's one combo closes the old legs and opens the new.
  const flowsByStrategy = new Map<string, Money>();
  for (const fill of record.fills) {
    const owner = ownerOf(record, contractKey(fill.contract), fill.time);
    if (owner !== undefined) flowsByStrategy.set(owner, add(flowsByStrategy.get(owner) ?? ZERO_MONEY, cashFlow(fill)));
    else violations.push(`fill ${fill.id} of ${contractKey(fill.contract)} belongs to no strategy's legs`);
  }
  for (const strategy of record.strategies) {
    if (!finished.has(strategy.status)) continue;
    const flows = flowsByStrategy.get(strategy.id) ?? ZERO_MONEY;
    if (flows !== strategy.realizedPnl) violations.push(`strategy ${strategy.id} reports ${format(strategy.realizedPnl, 6)} realized, its fills ${format(flows, 6)}`);
  }
  return violations;
}

/** The strategy (latest created) whose legs hold `key` at `time`. */
function ownerOf(record: SimulationRecord, key: string, time: number): string | undefined {
  let owner: { id: string; createdAt: number } | undefined;
  for (const strategy of record.strategies) {
    if (time < strategy.createdAt || time > (strategy.closedAt ?? Number.POSITIVE_INFINITY)) continue;
    if (!strategy.legs.some((leg) => contractKey(leg.contract) === key)) continue;
    if (owner === undefined || strategy.createdAt > owner.createdAt) owner = { id: strategy.id, createdAt: strategy.createdAt };
  }
  return owner?.id;
}
