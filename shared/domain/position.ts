// A position in one contract, derived purely from fills with average-cost accounting.
//
// Money conventions (all exact in Money):
// - costBasis is signed: the net amount paid for the open quantity (positive for a long,
//   negative for a short, where it is the premium received); 0 when flat.
// - realizedPnl is closed-trade P&L MINUS every commission, booked when the commission is
//   incurred (opening commissions too). costBasis and averageCost exclude commissions, so a late
//   IB commission report is booked with applyCommission without touching the cost.
//   (IB's own averageCost includes commissions: compare quantities exactly, costs with tolerance.)
// - Reducing a position removes basis × closed / open, rounded half to even at the micro-dollar;
//   closing the rest removes the remaining basis exactly, so over any round trip that ends flat
//   realizedPnl = Σ sale proceeds − Σ purchase costs − Σ commissions, to the micro-dollar.
import { contractKey, contractMultiplier, restoreContract, type Contract } from './contract.ts';
import { invalid } from './errors.ts';
import { fillValue, signedFillQuantity, type Fill } from './fill.ts';
import { add, divideByInteger, multiplyByInteger, negate, parseMoney, parseNonNegativeMoney, priceValue, subtract, toDollars, ZERO_MONEY, type Money } from './money.ts';
import { requireNonNegativePrice } from './validate.ts';

export interface Position {
  readonly contract: Contract;
  /** Signed: + long, − short, 0 flat. */
  readonly quantity: number;
  /** Per-share average trade price of the open quantity in dollars (always ≥ 0; 0 when flat). */
  readonly averageCost: number;
  /** Signed net amount paid for the open quantity (see the file comment). */
  readonly costBasis: Money;
  /** Realized P&L net of all commissions paid on this contract. */
  readonly realizedPnl: Money;
  /** All commissions paid on this contract (already inside realizedPnl). */
  readonly commissions: Money;
}

export interface PositionInput {
  readonly contract: Contract;
  readonly quantity: number;
  readonly costBasis: Money;
  readonly realizedPnl: Money;
  readonly commissions: Money;
}

function averageCostOf(quantity: number, costBasis: Money, multiplier: number): number {
  return quantity === 0 ? 0 : toDollars(divideByInteger(costBasis, quantity * multiplier));
}

function build(contract: Contract, quantity: number, costBasis: Money, realizedPnl: Money, commissions: Money): Position {
  const averageCost = averageCostOf(quantity, costBasis, contractMultiplier(contract));
  return Object.freeze({ contract, quantity, averageCost, costBasis, realizedPnl, commissions });
}

export function flatPosition(contract: Contract): Position {
  return build(restoreContract(contract, 'contract'), 0, ZERO_MONEY, ZERO_MONEY, ZERO_MONEY);
}

/** Re-validates a stored position and recomputes averageCost. */
export function restorePosition(input: PositionInput): Position {
  const quantity = input.quantity;
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity)) invalid('quantity', 'must be an integer', quantity);
  const costBasis = parseMoney(input.costBasis, 'costBasis');
  if (Math.sign(costBasis) * Math.sign(quantity) < 0 || (quantity === 0 && costBasis !== 0)) {
    invalid('costBasis', `must have the sign of quantity (${quantity}) and be 0 when flat`, costBasis);
  }
  const realizedPnl = parseMoney(input.realizedPnl, 'realizedPnl');
  return build(restoreContract(input.contract, 'contract'), quantity, costBasis, realizedPnl, parseNonNegativeMoney(input.commissions, 'commissions'));
}

/** The signed cash amount of a trade: + paid for a BUY, − received for a SELL. */
function signedValue(quantity: number, value: Money): Money {
  return quantity > 0 ? value : negate(value);
}

/**
 * Applies one fill: opens, adds to, reduces, closes or flips the position through zero.
 * Pass undefined (or a flat position) to open. The fill must be for the position's contract.
 */
export function applyFill(position: Position | undefined, fill: Fill): Position {
  const current = position ?? flatPosition(fill.contract);
  if (contractKey(current.contract) !== contractKey(fill.contract)) {
    invalid('fill.contract', `must be the position's contract ${contractKey(current.contract)}`, contractKey(fill.contract));
  }
  const multiplier = contractMultiplier(current.contract);
  const tradeQuantity = signedFillQuantity(fill);
  const realizedAfterCommission = subtract(current.realizedPnl, fill.commission);
  const commissions = add(current.commissions, fill.commission);
  const opensOrAdds = current.quantity === 0 || Math.sign(current.quantity) === Math.sign(tradeQuantity);
  if (opensOrAdds) {
    const costBasis = add(current.costBasis, signedValue(tradeQuantity, fillValue(fill)));
    return build(current.contract, current.quantity + tradeQuantity, costBasis, realizedAfterCommission, commissions);
  }
  const closingQuantity = Math.min(Math.abs(tradeQuantity), Math.abs(current.quantity));
  const removedBasis = closingQuantity === Math.abs(current.quantity)
    ? current.costBasis
    : divideByInteger(multiplyByInteger(current.costBasis, closingQuantity), Math.abs(current.quantity));
  const closingTrade = signedValue(tradeQuantity, priceValue(fill.price, closingQuantity, multiplier));
  // Closing a long: received − basis; closing a short: −(paid) − (negative basis).
  const realizedPnl = subtract(subtract(realizedAfterCommission, closingTrade), removedBasis);
  const remainingBasis = subtract(current.costBasis, removedBasis);
  const openingQuantity = Math.abs(tradeQuantity) - closingQuantity;
  const openedBasis = signedValue(tradeQuantity, priceValue(fill.price, openingQuantity, multiplier));
  return build(current.contract, current.quantity + tradeQuantity, add(remainingBasis, openedBasis), realizedPnl, commissions);
}

/** Books a commission that arrived after its fill (IB commissionReport): realized P&L only. */
export function applyCommission(position: Position, commission: Money): Position {
  const amount = parseNonNegativeMoney(commission, 'commission');
  return build(position.contract, position.quantity, position.costBasis, subtract(position.realizedPnl, amount), add(position.commissions, amount));
}

/** Value of the open quantity at `markPrice` minus what it cost: exact in Money. */
export function unrealizedPnl(position: Position, markPrice: number): Money {
  const mark = requireNonNegativePrice(markPrice, 'markPrice');
  const marketValue = priceValue(mark, Math.abs(position.quantity), contractMultiplier(position.contract));
  return subtract(signedValue(position.quantity, marketValue), position.costBasis);
}

/** Signed market value of the open quantity at `markPrice` (+ long asset, − short liability). */
export function marketValue(position: Position, markPrice: number): Money {
  const mark = requireNonNegativePrice(markPrice, 'markPrice');
  return signedValue(position.quantity, priceValue(mark, Math.abs(position.quantity), contractMultiplier(position.contract)));
}
