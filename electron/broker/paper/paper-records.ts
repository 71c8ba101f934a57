// The records the paper broker keeps besides orders: requests in flight, executions and
// expiration settlements (shapes shared by the exchange and the store).
import type { BrokerExecution, BrokerOrderChanges } from '../broker.ts';
import type { IsoDate } from '../../../shared/domain/calendar.ts';
import type { OptionContract } from '../../../shared/domain/contract.ts';
import type { Money } from '../../../shared/domain/money.ts';
import type { SettlementOutcome } from './expiration-settlement.ts';

/** A request handed to the broker and answered after its latency (persisted: it survives a restart). */
export type PendingRequest =
  | { readonly id: number; readonly dueAt: number; readonly kind: 'place'; readonly orderIds: readonly number[] }
  | { readonly id: number; readonly dueAt: number; readonly kind: 'modify'; readonly orderId: number; readonly changes: BrokerOrderChanges }
  | { readonly id: number; readonly dueAt: number; readonly kind: 'cancel'; readonly orderId: number }
  | { readonly id: number; readonly dueAt: number; readonly kind: 'cancel-all' };

export type PendingRequestKind = PendingRequest['kind'];

/** An execution as stored: its commission is always known. */
export interface PaperExecution extends BrokerExecution {
  readonly commission: Money;
  /** Global order of executions in the account. */
  readonly sequence: number;
}

/** What expiration did to one option position (also reported as a notice event). */
export interface PaperSettlement {
  readonly sequence: number;
  readonly time: number;
  readonly contract: OptionContract;
  /** Signed contracts settled. */
  readonly quantity: number;
  readonly outcome: SettlementOutcome;
  readonly underlyingPrice: number;
  /** Per share; 0 when out of the money. */
  readonly intrinsicValue: number;
  readonly description: string;
}

/** The account row: money and the counters that keep ids increasing across restarts. */
export interface PaperAccountRecord {
  readonly accountId: string;
  readonly cash: Money;
  readonly realizedToday: Money;
  readonly realizedDay: IsoDate;
  readonly nextBrokerOrderId: number;
  readonly nextExecutionSequence: number;
  readonly nextRequestId: number;
  readonly nextSettlementSequence: number;
  readonly randomState: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}
