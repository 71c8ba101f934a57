// The paper account's money: cash, one Position per contract (shared/domain/position.ts does the
// average-cost accounting exactly in Money) and today's realized P&L. Every trade — executions,
// exercise and assignment — goes through apply(), so cash and positions cannot disagree.
import { newYorkDate, type IsoDate } from '../../../shared/domain/calendar.ts';
import { contractKey, type Contract } from '../../../shared/domain/contract.ts';
import type { Fill } from '../../../shared/domain/fill.ts';
import { add, negate, priceValue, subtract, toDollars, ZERO_MONEY, type Money } from '../../../shared/domain/money.ts';
import type { OrderAction } from '../../../shared/domain/order-types.ts';
import { applyFill, type Position } from '../../../shared/domain/position.ts';
import { contractMultiplier } from '../../../shared/domain/contract.ts';

export interface LedgerTrade {
  readonly contract: Contract;
  readonly action: OrderAction;
  readonly quantity: number;
  readonly priceMicros: number;
  readonly commission: Money;
  readonly time: number;
}

export interface LedgerState {
  readonly cash: Money;
  readonly positions: readonly Position[];
  readonly realizedToday: Money;
  /** The New York date realizedToday belongs to. */
  readonly realizedDay: IsoDate;
}

/** A trade as the domain's Fill, for applyFill (only contract, action, quantity, price and commission are read). */
function asFill(trade: LedgerTrade): Fill {
  return {
    id: 'paper-trade',
    orderId: 'paper-trade',
    clientOrderRef: 'OWS-000001',
    contract: trade.contract,
    legIndex: undefined,
    action: trade.action,
    quantity: trade.quantity,
    price: toDollars(trade.priceMicros as Money),
    commission: trade.commission,
    time: trade.time,
  } as unknown as Fill;
}

export class PaperLedger {
  #cash: Money;
  #realizedToday: Money;
  #realizedDay: IsoDate;
  readonly #positions = new Map<string, Position>();
  readonly #dirty = new Set<string>();

  constructor(state: LedgerState) {
    this.#cash = state.cash;
    this.#realizedToday = state.realizedToday;
    this.#realizedDay = state.realizedDay;
    for (const position of state.positions) this.#positions.set(contractKey(position.contract), position);
  }

  get cash(): Money {
    return this.#cash;
  }

  get realizedDay(): IsoDate {
    return this.#realizedDay;
  }

  /** Realized P&L (net of commissions) booked on the New York date of `now`. */
  realizedToday(now: number): Money {
    return newYorkDate(now) === this.#realizedDay ? this.#realizedToday : ZERO_MONEY;
  }

  /** The stored realized figure, whatever its day (for persistence). */
  get storedRealized(): Money {
    return this.#realizedToday;
  }

  position(contract: Contract): Position | undefined {
    return this.#positions.get(contractKey(contract));
  }

  /** Positions with a non-zero quantity. */
  openPositions(): Position[] {
    return [...this.#positions.values()].filter((position) => position.quantity !== 0);
  }

  /** Books a trade: position, cash (value and commission) and today's realized P&L. */
  apply(trade: LedgerTrade): void {
    const key = contractKey(trade.contract);
    const before = this.#positions.get(key);
    const after = applyFill(before, asFill(trade));
    this.#positions.set(key, after);
    this.#dirty.add(key);
    const value = priceValue(toDollars(trade.priceMicros as Money), trade.quantity, contractMultiplier(trade.contract));
    const flow = trade.action === 'BUY' ? negate(value) : value;
    this.#cash = subtract(add(this.#cash, flow), trade.commission);
    const realized = subtract(after.realizedPnl, before?.realizedPnl ?? ZERO_MONEY);
    const day = newYorkDate(trade.time);
    if (day !== this.#realizedDay) {
      this.#realizedDay = day;
      this.#realizedToday = ZERO_MONEY;
    }
    this.#realizedToday = add(this.#realizedToday, realized);
  }

  /** Positions changed since the last call (for the store). */
  takeDirty(): Position[] {
    const changed = [...this.#dirty].flatMap((key) => this.#positions.get(key) ?? []);
    this.#dirty.clear();
    return changed;
  }
}
