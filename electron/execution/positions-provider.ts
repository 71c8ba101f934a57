// Where close / roll / reduce learn what is open. The port gives signed quantities per contract;
// two adapters: the OMS's own book (positions from the recorded fills, the store's truth) and
// the broker's report (the truth the reconciler compares against).
import type { Broker } from '../broker/broker.ts';
import type { Contract } from '../../shared/domain/contract.ts';
import { positionsFromFills } from '../persistence/journal/position-book.ts';
import type { TradingStore } from '../persistence/trading-store.ts';

export interface PositionLine {
  readonly contract: Contract;
  /** Signed: positive long, negative short; never 0 in a provider's answer. */
  readonly quantity: number;
}

export interface PositionsProvider {
  /** Open positions (flat ones left out). */
  positions(): Promise<readonly PositionLine[]>;
}

/** Positions from every fill the OMS recorded. */
export class StorePositionsProvider implements PositionsProvider {
  readonly #store: TradingStore;

  constructor(store: TradingStore) {
    this.#store = store;
  }

  async positions(): Promise<readonly PositionLine[]> {
    const book = positionsFromFills(this.#store.fills.listAll());
    return [...book.values()].filter((position) => position.quantity !== 0).map((position) => ({ contract: position.contract, quantity: position.quantity }));
  }
}

/** Positions as the broker reports them. */
export class BrokerPositionsProvider implements PositionsProvider {
  readonly #broker: Broker;

  constructor(broker: Broker) {
    this.#broker = broker;
  }

  async positions(): Promise<readonly PositionLine[]> {
    const positions = await this.#broker.positions();
    return positions.filter((position) => position.quantity !== 0).map((position) => ({ contract: position.contract, quantity: position.quantity }));
  }
}
