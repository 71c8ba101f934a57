// Opens the paper account: loads its store (or creates a new account with the starting cash and
// the seed) and builds the in-memory services the exchange works with.
import { newYorkDate, type IsoDate } from '../../../shared/domain/calendar.ts';
import { ZERO_MONEY } from '../../../shared/domain/money.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { ExchangeServices } from './exchange-context.ts';
import { OrderBook } from './order-book.ts';
import type { PaperBrokerConfig } from './paper-config.ts';
import { PaperLedger } from './paper-ledger.ts';
import type { PaperMarketPort } from './paper-market-port.ts';
import type { PaperAccountRecord } from './paper-records.ts';
import type { PaperStore, PaperStoreContents } from './paper-store.ts';
import { SeededRandom } from '../../core/seeded-random.ts';

export function loadOrCreateAccount(store: PaperStore, config: PaperBrokerConfig, seed: number, now: number): PaperStoreContents {
  const existing = store.load();
  if (existing !== undefined) return existing;
  const account: PaperAccountRecord = {
    accountId: config.accountId,
    cash: config.startingCash,
    realizedToday: ZERO_MONEY,
    realizedDay: newYorkDate(now),
    nextBrokerOrderId: 1,
    nextExecutionSequence: 1,
    nextRequestId: 1,
    nextSettlementSequence: 1,
    randomState: new SeededRandom(seed).state,
    createdAt: now,
    updatedAt: now,
  };
  store.commit({ account, orders: [], positions: [], executions: [], settlements: [], addedRequests: [], removedRequestIds: [] });
  return { account, orders: [], positions: [], requests: [] };
}

export interface ServiceDependencies {
  readonly clock: Clock;
  readonly market: PaperMarketPort;
  readonly config: PaperBrokerConfig;
  readonly logger: Logger;
}

export function buildServices(dependencies: ServiceDependencies, contents: PaperStoreContents): ExchangeServices {
  const { account } = contents;
  const expirationTimes = new Map<string, number>();
  return {
    ...dependencies,
    random: new SeededRandom(account.randomState),
    book: new OrderBook(contents.orders),
    ledger: new PaperLedger({ cash: account.cash, positions: contents.positions, realizedToday: account.realizedToday, realizedDay: account.realizedDay }),
    counters: {
      nextBrokerOrderId: account.nextBrokerOrderId,
      nextExecutionSequence: account.nextExecutionSequence,
      nextRequestId: account.nextRequestId,
      nextSettlementSequence: account.nextSettlementSequence,
    },
    expirationTime: (expiry: IsoDate) => {
      let time = expirationTimes.get(expiry);
      if (time === undefined) expirationTimes.set(expiry, (time = dependencies.market.expirationTime(expiry)));
      return time;
    },
    settlementWarnings: new Set(),
  };
}

/** The account row as it stands now (written with every change). */
export function accountRecord(services: ExchangeServices, accountId: string, createdAt: number, now: number): PaperAccountRecord {
  const { ledger, counters } = services;
  return {
    accountId,
    cash: ledger.cash,
    realizedToday: ledger.storedRealized,
    realizedDay: ledger.realizedDay,
    nextBrokerOrderId: counters.nextBrokerOrderId,
    nextExecutionSequence: counters.nextExecutionSequence,
    nextRequestId: counters.nextRequestId,
    nextSettlementSequence: counters.nextSettlementSequence,
    randomState: services.random.state,
    createdAt,
    updatedAt: now,
  };
}
