// From a built strategy to what the rest of the engine stores and sends: the domain Strategy
// (status PENDING, through createStrategy) and the entry order for the execution engine.
import { createStrategy, type ComboLeg, type Strategy } from '../../shared/domain/index.ts';
import type { ComboOrderInput, PlaceOrderInput, PricingInput } from '../execution/engine-inputs.ts';
import type { BuiltStrategy } from './built-strategy.ts';

export interface PendingStrategyOptions {
  readonly id: string;
  /** Default: the build time (the market instant of its quotes). */
  readonly createdAt?: number;
  /**
   * Record the build-time mids as entry prices (leg entryPrice, entryNetPrice, entryNetAmount).
   * Default false: the domain's entry prices are fill prices, set once the entry order fills.
   */
  readonly quotedEntryPrices?: boolean;
}

/** The domain Strategy to store (status PENDING), validated by createStrategy. */
export function toPendingStrategy(built: BuiltStrategy, options: PendingStrategyOptions): Strategy {
  const quoted = options.quotedEntryPrices === true;
  return createStrategy({
    id: options.id,
    type: built.type,
    underlyingSymbol: built.underlyingSymbol,
    legs: built.legs.map((leg) => ({ contract: leg.contract, action: leg.action, ratio: leg.ratio, role: leg.role, entryPrice: quoted ? leg.entryPrice : undefined })),
    quantity: built.quantity,
    status: 'PENDING',
    entryNetPrice: quoted ? built.netPrice : undefined,
    entryNetAmount: quoted ? built.netAmount : undefined,
    createdAt: options.createdAt ?? built.builtAt,
  });
}

/** The legs as bought, one combo unit each (ratio), for the execution engine. */
export function toComboLegs(built: Pick<BuiltStrategy, 'legs'>): readonly ComboLeg[] {
  return Object.freeze(built.legs.map((leg) => Object.freeze({ contract: leg.contract, ratio: leg.ratio, action: leg.action })));
}

/** One order opening the strategy: a combo (placeComboOrder) for several legs, a single order (placeOrder) for one. */
export type EntryOrder = { readonly kind: 'combo'; readonly input: ComboOrderInput } | { readonly kind: 'single'; readonly input: PlaceOrderInput };

/**
 * The entry order. A combo is bought (action BUY) at `pricing` (default: the engine's mid, so a
 * credit is a negative limit). A single leg is a DAY limit order at `pricing.limitPrice`, by
 * default its natural price (bid to sell, ask to buy), on the tick grid like the engine's own.
 */
export function toEntryOrder(built: BuiltStrategy, pricing: PricingInput = {}): EntryOrder {
  const [only] = built.legs;
  if (built.legs.length === 1 && only !== undefined) {
    const natural = only.action === 'SELL' ? only.bid : only.ask;
    const input: PlaceOrderInput = {
      instrument: only.contract,
      action: only.action,
      quantity: only.ratio * built.quantity,
      type: 'LMT',
      tif: pricing.tif ?? 'DAY',
      limitPrice: pricing.limitPrice ?? natural,
      purpose: 'entry',
      ...(pricing.strategyId === undefined ? {} : { strategyId: pricing.strategyId }),
    };
    return { kind: 'single', input };
  }
  return { kind: 'combo', input: { ...pricing, legs: toComboLegs(built), action: 'BUY', quantity: built.quantity, type: 'LMT', purpose: 'entry' } };
}
