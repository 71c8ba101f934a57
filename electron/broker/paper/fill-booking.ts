// Books fills: one execution per contract traded (per leg for a combo) with its commission,
// the ledger, the order's progress and status, then the consequences: OCA siblings are
// cancelled on the first fill (IB ocaType 1) and a bracket's children activate once their
// parent is completely filled.
import type { Contract } from '../../../shared/domain/contract.ts';
import { parseExecutionId } from '../../../shared/domain/ids.ts';
import { add, fromMicros, toDollars } from '../../../shared/domain/money.ts';
import type { OrderAction } from '../../../shared/domain/order-types.ts';
import { executionCommission, type CommissionUnit } from './commission-model.ts';
import type { ExchangeContext } from './exchange-context.ts';
import { cancelOrder, finishOrder, refreshState, reportStatus, touchOrder } from './order-reports.ts';
import { isLive, remainingQuantity, type PaperOrder } from './paper-order.ts';
import type { PaperExecution } from './paper-records.ts';

export interface ExecutionDraft {
  readonly contract: Contract;
  readonly legIndex: number | undefined;
  readonly action: OrderAction;
  readonly quantity: number;
  readonly priceMicros: number;
}

/** One fill of the order: its quantity and price in the order's units, and the executions behind it. */
export interface FillDraft {
  readonly quantity: number;
  /** Per share; net per unit for a combo. */
  readonly priceMicros: number;
  readonly executions: readonly ExecutionDraft[];
}

function commissionUnitOf(order: PaperOrder): CommissionUnit {
  const kind = order.request.instrument.kind;
  return kind === 'option' || kind === 'combo' ? 'contract' : 'share';
}

function bookExecution(context: ExchangeContext, order: PaperOrder, draft: ExecutionDraft): void {
  const commission = executionCommission(context.config.commissions, commissionUnitOf(order), order.unitsFilled, draft.quantity);
  order.unitsFilled += draft.quantity;
  order.commissionCharged = add(order.commissionCharged, commission);
  const sequence = context.counters.nextExecutionSequence++;
  const execution: PaperExecution = Object.freeze({
    executionId: parseExecutionId(`paper.${order.brokerOrderId}.${sequence}`),
    sequence,
    clientOrderRef: order.request.clientOrderRef,
    brokerOrderId: order.brokerOrderId,
    contract: draft.contract,
    legIndex: draft.legIndex,
    action: draft.action,
    quantity: draft.quantity,
    price: toDollars(fromMicros(draft.priceMicros)),
    time: context.now,
    commission,
  });
  context.ledger.apply({ contract: draft.contract, action: draft.action, quantity: draft.quantity, priceMicros: draft.priceMicros, commission, time: context.now });
  context.changes.executions.push(execution);
  context.changes.events.push({ type: 'execution', execution }, { type: 'commission', commission: { executionId: execution.executionId, commission } });
}

/** Books the fills of `order`; returns bracket children that became active (to evaluate at once). */
export function bookFills(context: ExchangeContext, order: PaperOrder, fills: readonly FillDraft[]): PaperOrder[] {
  for (const fill of fills) {
    for (const execution of fill.executions) bookExecution(context, order, execution);
    order.filledQuantity += fill.quantity;
    order.filledValueMicros += fill.priceMicros * fill.quantity;
  }
  if (remainingQuantity(order) === 0) finishOrder(context, order, 'FILLED');
  else reportStatus(context, order);
  cancelOcaSiblings(context, order);
  return order.state === 'FILLED' ? activateChildren(context, order) : [];
}

function cancelOcaSiblings(context: ExchangeContext, order: PaperOrder): void {
  if (order.ocaGroups.length === 0) return;
  for (const other of context.book.live()) {
    const shared = other.ocaGroups.find((group) => order.ocaGroups.includes(group));
    if (other === order || shared === undefined) continue;
    cancelOrder(context, other, `OCA group ${shared}: ${order.request.clientOrderRef} filled`);
  }
}

function activateChildren(context: ExchangeContext, parent: PaperOrder): PaperOrder[] {
  const children = context.book.children(parent).filter((child) => isLive(child) && !child.active);
  for (const child of children) {
    child.active = true;
    touchOrder(context, child);
    refreshState(context, child);
  }
  return children;
}
