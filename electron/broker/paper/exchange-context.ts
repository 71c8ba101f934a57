// What every step of the paper exchange works with: the services (clock, market, config,
// random, book, ledger, counters) and, per operation, the time and the change set that collects
// events and dirty records for one store transaction.
import type { BrokerEvent } from '../broker.ts';
import type { IsoDate } from '../../../shared/domain/calendar.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { OrderBook } from './order-book.ts';
import type { PaperBrokerConfig } from './paper-config.ts';
import type { PaperLedger } from './paper-ledger.ts';
import type { PaperMarketPort } from './paper-market-port.ts';
import type { PaperOrder } from './paper-order.ts';
import type { PaperExecution, PaperSettlement, PendingRequest } from './paper-records.ts';
import type { SeededRandom } from '../../core/seeded-random.ts';

export interface ExchangeCounters {
  nextBrokerOrderId: number;
  nextExecutionSequence: number;
  nextRequestId: number;
  nextSettlementSequence: number;
}

export interface ExchangeServices {
  readonly clock: Clock;
  readonly market: PaperMarketPort;
  readonly config: PaperBrokerConfig;
  readonly random: SeededRandom;
  readonly logger: Logger;
  readonly book: OrderBook;
  readonly ledger: PaperLedger;
  readonly counters: ExchangeCounters;
  /** market.expirationTime, memoised per expiry (it is asked on every tick). */
  readonly expirationTime: (expiry: IsoDate) => number;
  /** Positions whose settlement waits for an underlying price (warned once each). */
  readonly settlementWarnings: Set<string>;
}

/** Everything one operation changes, written in one transaction and then reported. */
export class ChangeSet {
  readonly events: BrokerEvent[] = [];
  readonly orders = new Set<PaperOrder>();
  readonly executions: PaperExecution[] = [];
  readonly settlements: PaperSettlement[] = [];
  readonly addedRequests: PendingRequest[] = [];
  readonly removedRequestIds: number[] = [];

  get hasChanges(): boolean {
    return this.events.length > 0 || this.orders.size > 0 || this.addedRequests.length > 0 || this.removedRequestIds.length > 0;
  }
}

export interface ExchangeContext extends ExchangeServices {
  readonly now: number;
  readonly changes: ChangeSet;
}

export function newContext(services: ExchangeServices): ExchangeContext {
  return { ...services, now: services.clock.now(), changes: new ChangeSet() };
}
