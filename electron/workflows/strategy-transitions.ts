// The next state of a strategy record after its orders filled, as pure functions over the fills
// attributed to it (see strategy-tracker.ts for which fills those are). Every result goes through
// the domain's createStrategy; the store then checks the status change (nextStrategyStatus).
import { contractKey } from '../../shared/domain/contract.ts';
import { DomainValidationError } from '../../shared/domain/errors.ts';
import type { DecisionId } from '../../shared/domain/ids.ts';
import { subtract, ZERO_MONEY, type Money } from '../../shared/domain/money.ts';
import type { OrderAction } from '../../shared/domain/order-types.ts';
import { createStrategy, type Strategy, type StrategyLeg } from '../../shared/domain/strategy.ts';
import type { Fill } from '../../shared/domain/fill.ts';
import { fillsOnLegs, netDebit, openingPrices, perUnitPrice, proportionalPart, realizedPnl } from './fill-accounting.ts';

const multiplierOf = (strategy: Pick<Strategy, 'legs'>): number => strategy.legs[0]?.contract.multiplier ?? 100;

/** Fills on the closing side of the strategy's legs (opposite to each leg's opening action). */
export function closingFills(strategy: Pick<Strategy, 'legs'>, fills: readonly Fill[]): Fill[] {
  const opening = new Map(strategy.legs.map((leg) => [contractKey(leg.contract), leg.action]));
  return fills.filter((fill) => {
    const action = opening.get(contractKey(fill.contract));
    return action !== undefined && action !== fill.action;
  });
}

/** Net contracts the attributed fills still hold per leg (+ long, − short). */
export function heldContracts(strategy: Pick<Strategy, 'legs'>, attributed: readonly Fill[]): number[] {
  return strategy.legs.map((leg) => {
    const key = contractKey(leg.contract);
    return attributed.filter((fill) => contractKey(fill.contract) === key).reduce((total, fill) => total + (fill.action === 'BUY' ? fill.quantity : -fill.quantity), 0);
  });
}

/** PENDING → OPEN with `units` (fewer than asked when the entry ended part-filled), the entry figures from the fills. */
export function openedStrategy(strategy: Strategy, entryFills: readonly Fill[], units: number, now: number, reason: string): Strategy {
  const fills = fillsOnLegs(entryFills, strategy.legs);
  const entryNetAmount = netDebit(fills);
  const prices = openingPrices(strategy.legs, fills);
  return createStrategy({
    ...strategy,
    legs: strategy.legs.map((leg, index) => ({ ...leg, entryPrice: prices[index] })),
    quantity: units,
    status: 'OPEN',
    statusReason: reason,
    entryNetAmount,
    entryNetPrice: perUnitPrice(entryNetAmount, units, multiplierOf(strategy)),
    realizedPnl: realizedPnl(fills, entryNetAmount),
    openedAt: Math.max(now, strategy.createdAt),
  });
}

/** OPEN with `units` fewer units: the entry amount shrinks in proportion, the rest is realized. */
export function reducedStrategy(strategy: Strategy, units: number, attributed: readonly Fill[], reason: string): Strategy {
  const entry = strategy.entryNetAmount ?? ZERO_MONEY;
  const remainingEntry = subtract(entry, proportionalPart(entry, units, strategy.quantity));
  return createStrategy({
    ...strategy,
    quantity: strategy.quantity - units,
    status: 'OPEN',
    statusReason: reason,
    entryNetAmount: remainingEntry,
    exitNetAmount: netDebit(closingFills(strategy, attributed)),
    realizedPnl: realizedPnl(attributed, remainingEntry),
  });
}

/** What closing cost (+) or brought (−) and the realized P&L once every attributed fill is realized. */
export function closedFigures(strategy: Pick<Strategy, 'legs'>, attributed: readonly Fill[]): { readonly exitNetAmount: Money; readonly realizedPnl: Money } {
  return { exitNetAmount: netDebit(closingFills(strategy, attributed)), realizedPnl: realizedPnl(attributed, ZERO_MONEY) };
}

/** While open: the realized P&L so far (commissions, reduced units) with the entry amount of what is still open. */
export function openPnl(strategy: Pick<Strategy, 'entryNetAmount'>, attributed: readonly Fill[]): Money {
  return realizedPnl(attributed, strategy.entryNetAmount ?? ZERO_MONEY);
}

/** CLOSED: every attributed fill is realized. */
export function closedStrategy(strategy: Strategy, attributed: readonly Fill[], now: number, reason: string): Strategy {
  return createStrategy({ ...strategy, ...closedFigures(strategy, attributed), status: 'CLOSED', statusReason: reason, closedAt: Math.max(now, strategy.openedAt ?? now) });
}

/** ROLLED into `successorId`: closed like closedStrategy, linked to its successor. */
export function rolledAwayStrategy(strategy: Strategy, attributed: readonly Fill[], successorId: string, now: number, reason: string): Strategy {
  return createStrategy({ ...closedStrategy(strategy, attributed, now, reason), status: 'ROLLED', rolledToId: successorId });
}

export interface SuccessorInput {
  readonly id: string;
  /** The new legs per unit, with the side they were opened on. */
  readonly legs: readonly { readonly contract: StrategyLeg['contract']; readonly action: OrderAction; readonly ratio: number }[];
  /** The roll's fills on the new legs. */
  readonly openingFills: readonly Fill[];
  readonly units: number;
  readonly now: number;
  readonly decisionId: DecisionId | undefined;
  /** The realized P&L of the strategy rolled away (its roll record keeps it). */
  readonly rolledAwayPnl: Money;
}

/** The strategy a roll opens: OPEN, linked back, the chain's history extended; same type when the new legs keep its shape, else CUSTOM. */
export function successorStrategy(from: Strategy, input: SuccessorInput): Strategy {
  const entryNetAmount = netDebit(input.openingFills);
  const prices = openingPrices(input.legs, input.openingFills);
  const base = {
    id: input.id,
    underlyingSymbol: from.underlyingSymbol,
    legs: input.legs.map((leg, index) => ({ contract: leg.contract, action: leg.action, ratio: leg.ratio, entryPrice: prices[index] })),
    quantity: input.units,
    status: 'OPEN' as const,
    statusReason: `opened by rolling ${from.id}`,
    entryNetAmount,
    entryNetPrice: perUnitPrice(entryNetAmount, input.units, multiplierOf(from)),
    realizedPnl: realizedPnl(input.openingFills, entryNetAmount),
    createdAt: input.now,
    openedAt: input.now,
    rolledFromId: from.id,
    rollHistory: [...from.rollHistory, { fromStrategyId: from.id, rolledAt: input.now, realizedPnl: input.rolledAwayPnl, decisionId: input.decisionId }],
  };
  try {
    return createStrategy({ ...base, type: from.type });
  } catch (error) {
    // A side roll can leave legs the named shape refuses: the successor is then a custom strategy.
    if (error instanceof DomainValidationError) return createStrategy({ ...base, type: 'CUSTOM' });
    throw error;
  }
}
