// A local estimate of the maintenance margin an order adds, for the risk governor's margin check
// (its checks are synchronous and cannot wait for a broker what-if). It applies the paper
// broker's documented Reg-T-style model (defined-risk spreads at their maximum loss, naked
// shorts by the 20 % / 10 % rule) to the app's positions before and after the order. IB's own
// figure may differ; the broker still has the last word when the order arrives.
import { subtract, type Money } from '../../shared/domain/money.ts';
import { actionSign } from '../../shared/domain/order-types.ts';
import { marginRequirement, positionsAfter, type MarginPosition, type MarginPrices } from '../broker/paper/margin-model.ts';
import { DEFAULT_PAPER_BROKER_CONFIG } from '../broker/paper/paper-config.ts';
import type { OrderIntent } from '../risk/pre-trade-gate.ts';
import type { RiskPosition, RiskQuote } from '../risk/risk-inputs.ts';
import type { Contract } from '../../shared/domain/contract.ts';

type Inputs = {
  readonly positions: () => readonly RiskPosition[];
  readonly quote: (contract: Contract) => RiskQuote | undefined;
  readonly underlyingPrice: (symbol: string) => number | undefined;
};

function orderDeltas(intent: OrderIntent): MarginPosition[] {
  const sign = actionSign(intent.action);
  if (intent.instrument.kind !== 'combo') return [{ contract: intent.instrument, quantity: sign * intent.quantity }];
  return intent.instrument.legs.map((leg) => ({ contract: leg.contract, quantity: sign * actionSign(leg.action) * leg.ratio * intent.quantity }));
}

/** Maintenance margin the order would add (negative when it frees margin); undefined when a price is missing. */
export function localMarginEstimate(inputs: Inputs): (intent: OrderIntent) => Money | undefined {
  return (intent) => {
    const micros = (dollars: number) => Math.round(dollars * 1_000_000);
    let missing = false;
    const prices: MarginPrices = {
      mark: (contract) => {
        const quote = inputs.quote(contract);
        if (quote === undefined) missing = true;
        return micros(quote?.mid ?? 0);
      },
      underlying: (symbol) => {
        const price = inputs.underlyingPrice(symbol);
        return price === undefined ? undefined : micros(price);
      },
    };
    const before: MarginPosition[] = inputs.positions().map(({ contract, quantity }) => ({ contract, quantity }));
    const rates = DEFAULT_PAPER_BROKER_CONFIG.margin;
    const change = subtract(marginRequirement(positionsAfter(before, orderDeltas(intent)), prices, rates), marginRequirement(before, prices, rates));
    return missing ? undefined : change;
  };
}
