// Rebuilds the order book, fills, positions and strategies from the journal alone, in sequence
// order, through the same domain rules the TradingStore applied when writing (nextStatus via
// order-book-rules.ts, applyAmendment via order-amendment.ts, applyFill, applyCommission,
// nextStrategyStatus). The result should equal what the repositories hold; where an entry
// cannot be applied, or the rules give a different outcome than the entry recorded, the replay
// goes on and lists the problem. A journal whose hash chain does not verify is refused
// outright (replayTradingState).
import { createFill, type Fill } from '../../../shared/domain/fill.ts';
import type { ExecutionId, OrderId, StrategyId } from '../../../shared/domain/ids.ts';
import { parseNonNegativeMoney, subtract } from '../../../shared/domain/money.ts';
import { restoreOrder, type Order } from '../../../shared/domain/order.ts';
import { createStrategy, nextStrategyStatus, type Strategy } from '../../../shared/domain/strategy.ts';
import { AppError } from '../../core/errors.ts';
import { applyAmendment } from '../order-amendment.ts';
import { applyFillToOrder, applyStatusUpdate, type OrderChange } from '../order-book-rules.ts';
import type { Journal } from './journal.ts';
import type { JournalEntry } from './journal.types.ts';
import { bookCommission, bookFill, type PositionBook } from './position-book.ts';
import type { TradingJournalPayloads } from './trading-entry-types.ts';

export interface ReplayProblem {
  readonly sequence: number;
  readonly type: string;
  readonly message: string;
}

export interface ReplayedTradingState {
  readonly orders: Map<OrderId, Order>;
  readonly fills: Map<ExecutionId, Fill>;
  /** By contractKey; flat positions stay in the map. */
  readonly positions: PositionBook;
  readonly strategies: Map<StrategyId, Strategy>;
  readonly problems: ReplayProblem[];
  /** The last entry replayed (0 for an empty journal). */
  lastSequence: number;
}

/** Verifies the journal's hash chain, then rebuilds the state from it. Throws 'corrupt-data' when verification fails. */
export function replayTradingState(journal: Journal): ReplayedTradingState {
  const verification = journal.verify();
  if (!verification.ok) {
    const { sequence, kind, message } = verification.problem;
    throw new AppError('corrupt-data', `the journal failed verification at sequence ${sequence} (${kind}): ${message}; state is not rebuilt from it`, {
      details: { sequence, kind },
    });
  }
  return rebuildTradingState(journal.entries({ toSequence: verification.head.sequence }));
}

/** Rebuilds the state from entries in sequence order (no verification: see replayTradingState). */
export function rebuildTradingState(entries: Iterable<JournalEntry>): ReplayedTradingState {
  const state: ReplayedTradingState = { orders: new Map(), fills: new Map(), positions: new Map(), strategies: new Map(), problems: [], lastSequence: 0 };
  const fillsByOrder = new Map<OrderId, Fill[]>();
  for (const entry of entries) {
    try {
      applyEntry(state, fillsByOrder, entry);
    } catch (error) {
      state.problems.push({ sequence: entry.sequence, type: entry.type, message: error instanceof Error ? error.message : String(error) });
    }
    state.lastSequence = entry.sequence;
  }
  return state;
}

type Payload<Type extends keyof TradingJournalPayloads> = TradingJournalPayloads[Type];

function applyEntry(state: ReplayedTradingState, fillsByOrder: Map<OrderId, Fill[]>, entry: JournalEntry): void {
  switch (entry.type) {
    case 'order.created':
      return replayOrderCreated(state, entry.payload as Payload<'order.created'>);
    case 'order.status':
      return replayOrderStatus(state, entry.payload as Payload<'order.status'>);
    case 'order.amended':
      return replayOrderAmended(state, entry.payload as Payload<'order.amended'>);
    case 'fill.recorded':
      return replayFill(state, fillsByOrder, entry.payload as Payload<'fill.recorded'>);
    case 'fill.commission':
      return replayCommission(state, entry.payload as Payload<'fill.commission'>);
    case 'strategy.created':
      return replayStrategyCreated(state, (entry.payload as Payload<'strategy.created'>).strategy);
    case 'strategy.updated':
      return replayStrategyUpdated(state, (entry.payload as Payload<'strategy.updated'>).strategy);
    case 'strategy.rolled': {
      const { rolledAway, successor } = entry.payload as Payload<'strategy.rolled'>;
      replayStrategyCreated(state, successor);
      return replayStrategyUpdated(state, rolledAway);
    }
    default:
      return; // decisions, alerts, risk events, snapshots and other modules' entries do not shape the order book
  }
}

function replayOrderCreated(state: ReplayedTradingState, payload: Payload<'order.created'>): void {
  const order = restoreOrder(payload.order);
  if (state.orders.has(order.id)) throw new Error(`order '${order.id}' is created a second time`);
  state.orders.set(order.id, order);
}

function replayOrderStatus(state: ReplayedTradingState, payload: Payload<'order.status'>): void {
  const order = requireOrder(state, payload.orderId);
  const change = applyStatusUpdate(order, { event: payload.event, time: payload.time, message: payload.message, brokerOrderId: payload.brokerOrderId });
  if (change.outcome === 'applied') state.orders.set(order.id, change.order);
  requireSameOutcome(change, payload, `status event ${payload.event.type} of order '${order.id}'`);
}

function replayOrderAmended(state: ReplayedTradingState, payload: Payload<'order.amended'>): void {
  const order = requireOrder(state, payload.orderId);
  const outcome = applyAmendment(order, payload.changes, payload.time);
  // Only amendments that changed something are journaled: one that changes nothing now means the state diverged.
  if (!outcome.changed) throw new Error(`amendment of order '${order.id}' changes nothing on replay; the journal recorded a change`);
  state.orders.set(order.id, outcome.order);
}

function replayFill(state: ReplayedTradingState, fillsByOrder: Map<OrderId, Fill[]>, payload: Payload<'fill.recorded'>): void {
  const fill = createFill(payload.fill);
  if (state.fills.has(fill.id)) throw new Error(`execution '${fill.id}' is recorded a second time; it was counted once`);
  const order = requireOrder(state, fill.orderId);
  const earlier = fillsByOrder.get(order.id) ?? [];
  const change = applyFillToOrder(order, earlier, fill, payload.time);
  state.fills.set(fill.id, fill);
  fillsByOrder.set(order.id, [...earlier, fill]);
  bookFill(state.positions, fill);
  if (change.outcome === 'applied') state.orders.set(order.id, change.order);
  requireSameOutcome(change, payload, `execution '${fill.id}' of order '${order.id}'`);
}

function replayCommission(state: ReplayedTradingState, payload: Payload<'fill.commission'>): void {
  const fill = state.fills.get(payload.executionId);
  if (fill === undefined) throw new Error(`commission for execution '${payload.executionId}', which is not recorded`);
  const commission = parseNonNegativeMoney(payload.commission, 'commission');
  if (fill.commission !== 0) throw new Error(`execution '${fill.id}' already has a commission of ${fill.commission}; ${commission} was not booked`);
  state.fills.set(fill.id, createFill({ ...fill, commission }));
  bookCommission(state.positions, fill.contract, subtract(commission, fill.commission));
}

function replayStrategyCreated(state: ReplayedTradingState, input: Strategy): void {
  const strategy = createStrategy(input);
  if (state.strategies.has(strategy.id)) throw new Error(`strategy '${strategy.id}' is created a second time`);
  state.strategies.set(strategy.id, strategy);
}

function replayStrategyUpdated(state: ReplayedTradingState, input: Strategy): void {
  const strategy = createStrategy(input);
  const current = state.strategies.get(strategy.id);
  if (current === undefined) throw new Error(`strategy '${strategy.id}' is updated but was never created`);
  const transition = nextStrategyStatus(current.status, strategy.status);
  if (!transition.ok) throw new Error(`strategy '${strategy.id}': ${transition.error}; the update was not applied`);
  state.strategies.set(strategy.id, strategy);
}

function requireOrder(state: ReplayedTradingState, orderId: OrderId): Order {
  const order = state.orders.get(orderId);
  if (order === undefined) throw new Error(`order '${String(orderId)}' was never created`);
  return order;
}

/** The journal recorded what the rules decided when writing; deciding differently now means the state diverged. */
function requireSameOutcome(change: OrderChange, recorded: { outcome: string; status: string }, what: string): void {
  if (change.outcome === recorded.outcome && change.order.status === recorded.status) return;
  const error = change.outcome === 'refused' ? ` (${change.error})` : '';
  throw new Error(`${what}: the journal recorded ${recorded.outcome} → ${recorded.status}, the replay gives ${change.outcome} → ${change.order.status}${error}`);
}
