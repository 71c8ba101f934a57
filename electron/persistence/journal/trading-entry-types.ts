// THE list of journal entry types the trading store writes, and the payload of each. Payloads
// are stored as JSON with undefined properties left out (stored-json.ts), so optional fields
// are simply missing; the replay (state-replay.ts) reads them back through the domain.
import type { Alert } from '../../../shared/domain/alert.ts';
import type { Decision } from '../../../shared/domain/decision.ts';
import type { Fill } from '../../../shared/domain/fill.ts';
import type { AlertId, ExecutionId, OrderId, StrategyId } from '../../../shared/domain/ids.ts';
import type { Money } from '../../../shared/domain/money.ts';
import type { Order } from '../../../shared/domain/order.ts';
import type { OrderEvent } from '../../../shared/domain/order-status.ts';
import type { OrderStatus } from '../../../shared/domain/order-types.ts';
import type { OrderAmendment } from '../order-amendment.ts';
import type { Strategy, StrategyStatus } from '../../../shared/domain/strategy.ts';
import type { PositionSnapshotSource } from '../position-snapshot.repository.ts';
import type { RiskEvent } from '../risk-event.ts';

export const TRADING_JOURNAL_TYPES = [
  'order.created',
  'order.status',
  'order.amended',
  'fill.recorded',
  'fill.commission',
  'strategy.created',
  'strategy.updated',
  'strategy.refused',
  'strategy.rolled',
  'decision.recorded',
  'alert.raised',
  'alert.acknowledged',
  'risk.event',
  'positions.snapshot',
] as const;
export type TradingJournalType = (typeof TRADING_JOURNAL_TYPES)[number];

export interface TradingJournalPayloads {
  /** A new order was saved (before anything is sent); `time` is when it was recorded. */
  'order.created': { readonly order: Order; readonly time: number };
  /**
   * A status report or OMS event: applied (the order changed) or refused (illegal; the order
   * kept `status`, `error` says why). Repeats that change nothing are not journaled.
   */
  'order.status': {
    readonly orderId: OrderId;
    readonly time: number;
    readonly event: OrderEvent;
    readonly message?: string;
    readonly brokerOrderId?: number;
    readonly outcome: 'applied' | 'refused';
    /** The order's status afterwards. */
    readonly status: OrderStatus;
    readonly error?: string;
  };
  /**
   * New terms of a working order (a modify the broker took): `changes` holds only the fields
   * given; the others kept their values. Only amendments that changed something are journaled.
   * `requestSequence` is the journal entry of the request it settles (the OMS's 'oms.order-modified').
   */
  'order.amended': { readonly orderId: OrderId; readonly time: number; readonly changes: OrderAmendment; readonly note?: string; readonly requestSequence?: number };
  /**
   * A new execution (never a repeat). `outcome` is what it did to its order: applied, unchanged
   * (a combo leg completing no unit) or refused (e.g. a late fill after CANCELLED); the fill
   * counts for positions in every case.
   */
  'fill.recorded': { readonly fill: Fill; readonly time: number; readonly outcome: 'applied' | 'unchanged' | 'refused'; readonly status: OrderStatus; readonly error?: string };
  /** The commission of a recorded fill arrived: `commission` is the fill's commission from now on (it was 0). */
  'fill.commission': { readonly executionId: ExecutionId; readonly orderId: OrderId; readonly commission: Money; readonly time: number };
  'strategy.created': { readonly strategy: Strategy };
  'strategy.updated': { readonly strategy: Strategy; readonly previousStatus: StrategyStatus };
  /** An illegal strategy status change, recorded and not applied. */
  'strategy.refused': { readonly strategyId: StrategyId; readonly from: StrategyStatus; readonly to: StrategyStatus; readonly error: string; readonly time: number };
  /** A roll: the rolled-away strategy (now ROLLED) and its successor, written together. */
  'strategy.rolled': { readonly rolledAway: Strategy; readonly successor: Strategy };
  'decision.recorded': { readonly decision: Decision };
  'alert.raised': { readonly alert: Alert };
  'alert.acknowledged': { readonly alertId: AlertId; readonly acknowledgedAt: number };
  /** A risk governor event with its stored id. */
  'risk.event': { readonly event: RiskEvent };
  /** A position snapshot was stored (the lines are in position_snapshot_lines, not repeated here). */
  'positions.snapshot': { readonly snapshotId: number; readonly source: PositionSnapshotSource; readonly takenAt: number; readonly positions: number };
}

export function isTradingJournalType(type: string): type is TradingJournalType {
  return (TRADING_JOURNAL_TYPES as readonly string[]).includes(type);
}
