// The app's own positions, from every fill recorded in the trading store, with the strategy each
// contract belongs to. The risk governor reads it synchronously; it is rebuilt lazily after a
// fill (the OMS publishes 'fill.recorded'), so reads between fills cost nothing.
import { contractKey } from '../../shared/domain/contract.ts';
import type { StrategyId } from '../../shared/domain/ids.ts';
import { positionsFromFills } from '../persistence/journal/position-book.ts';
import type { TradingStore } from '../persistence/trading-store.ts';
import type { RiskPosition } from '../risk/risk-inputs.ts';

export class AppPositionBook {
  readonly #store: TradingStore;
  #lines: readonly RiskPosition[] | undefined;

  constructor(store: TradingStore) {
    this.#store = store;
  }

  /** Call when a fill was recorded: the next read rebuilds from the store. */
  invalidate(): void {
    this.#lines = undefined;
  }

  /** Open positions (flat contracts left out), each attributed to the strategy of the order that last traded it. */
  lines(): readonly RiskPosition[] {
    this.#lines ??= this.#build();
    return this.#lines;
  }

  #build(): readonly RiskPosition[] {
    const fills = this.#store.fills.listAll();
    const strategyByContract = new Map<string, StrategyId | undefined>();
    for (const fill of fills) strategyByContract.set(contractKey(fill.contract), this.#store.orders.get(fill.orderId)?.strategyId);
    return Object.freeze(
      [...positionsFromFills(fills).values()]
        .filter((position) => position.quantity !== 0)
        .map((position) => Object.freeze({ contract: position.contract, quantity: position.quantity, strategyId: strategyByContract.get(contractKey(position.contract)) })),
    );
  }
}
