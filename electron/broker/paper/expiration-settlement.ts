// What happens to an option position at its expiration (pure; micro-dollars), like OCC's
// auto-exercise: an option at least `thresholdMicros` ($0.01) in the money by the underlying's
// price at the expiration time is exercised (long) or assigned (short); any other expires
// worthless. Physically settled options become shares of the underlying at the strike
// (multiplier × contracts shares: long call / short put buy, long put / short call sell);
// cash-settled (index) options pay their intrinsic value in cash instead.
//
// The option leaves the book through a closing trade at price 0 (physical, or worthless) or at
// its intrinsic value (cash-settled), so its premium becomes realized P&L; the share trade is
// booked at the strike. Both go through the ledger like any trade, so cash and positions stay
// exact.
import { createUnderlying, type Contract, type OptionContract } from '../../../shared/domain/contract.ts';
import type { OrderAction } from '../../../shared/domain/order-types.ts';

export type SettlementOutcome = 'exercised' | 'assigned' | 'cash-settled' | 'expired-worthless';

export interface SettlementTrade {
  readonly contract: Contract;
  readonly action: OrderAction;
  readonly quantity: number;
  readonly priceMicros: number;
}

export interface SettlementPlan {
  readonly contract: OptionContract;
  /** The position settled: signed contracts. */
  readonly quantity: number;
  readonly outcome: SettlementOutcome;
  readonly underlyingMicros: number;
  /** How far in the money, per share (0 when out of the money). */
  readonly intrinsicMicros: number;
  readonly trades: readonly SettlementTrade[];
}

function strikeMicros(contract: OptionContract): number {
  return Math.round(contract.strike * 1_000_000);
}

export interface SettlementInput {
  readonly contract: OptionContract;
  readonly quantity: number;
  readonly underlyingMicros: number;
  readonly thresholdMicros: number;
  readonly cashSettled: boolean;
}

export function planSettlement(input: SettlementInput): SettlementPlan {
  const { contract, quantity, underlyingMicros } = input;
  const strike = strikeMicros(contract);
  const moneyness = contract.right === 'call' ? underlyingMicros - strike : strike - underlyingMicros;
  const inTheMoney = moneyness >= input.thresholdMicros;
  const intrinsicMicros = Math.max(0, moneyness);
  const contracts = Math.abs(quantity);
  const closingAction: OrderAction = quantity > 0 ? 'SELL' : 'BUY';
  const base = { contract, quantity, underlyingMicros, intrinsicMicros };
  if (!inTheMoney) {
    return { ...base, outcome: 'expired-worthless', trades: [{ contract, action: closingAction, quantity: contracts, priceMicros: 0 }] };
  }
  if (input.cashSettled) {
    return { ...base, outcome: 'cash-settled', trades: [{ contract, action: closingAction, quantity: contracts, priceMicros: intrinsicMicros }] };
  }
  const receivesShares = (contract.right === 'call') === quantity > 0;
  const shares: SettlementTrade = {
    contract: createUnderlying({ kind: 'stock', symbol: contract.underlyingSymbol }),
    action: receivesShares ? 'BUY' : 'SELL',
    quantity: contracts * contract.multiplier,
    priceMicros: strike,
  };
  return {
    ...base,
    outcome: quantity > 0 ? 'exercised' : 'assigned',
    trades: [{ contract, action: closingAction, quantity: contracts, priceMicros: 0 }, shares],
  };
}

function dollars(micros: number): string {
  return `$${(micros / 1_000_000).toFixed(2)}`;
}

/** One line for the notice event and the settlement record. */
export function describeSettlement(plan: SettlementPlan, contractName: string): string {
  const side = plan.quantity > 0 ? 'long' : 'short';
  const head = `${side} ${Math.abs(plan.quantity)} ${contractName} at expiration (underlying ${dollars(plan.underlyingMicros)})`;
  switch (plan.outcome) {
    case 'expired-worthless':
      return `${head}: out of the money, expired worthless`;
    case 'cash-settled':
      return `${head}: cash-settled at ${dollars(plan.intrinsicMicros)} per share`;
    default: {
      const shares = plan.trades[1] as SettlementTrade;
      const verb = shares.action === 'BUY' ? 'bought' : 'sold';
      return `${head}: ${plan.outcome}, ${verb} ${shares.quantity} ${plan.contract.underlyingSymbol} at ${dollars(shares.priceMicros)}`;
    }
  }
}
