// An order as signed quantities per contract: what it would do to each position if it filled.
// A combo bought adds each leg with its own side; a combo sold reverses every leg.
import { contractKey, contractMultiplier, contractUnderlyingSymbol, type Contract } from '../../shared/domain/contract.ts';
import { actionSign } from '../../shared/domain/order-types.ts';
import type { OrderIntent } from './pre-trade-gate.ts';

export interface SignedLeg {
  readonly contract: Contract;
  /** contractKey(contract). */
  readonly key: string;
  readonly underlyingSymbol: string;
  /** Signed contracts (or shares): + buys, − sells. */
  readonly quantity: number;
  readonly multiplier: number;
}

function legOf(contract: Contract, quantity: number): SignedLeg {
  return {
    contract,
    key: contractKey(contract),
    underlyingSymbol: contractUnderlyingSymbol(contract),
    quantity,
    multiplier: contractMultiplier(contract),
  };
}

/** The signed legs of a validated intent (see intent-validation.ts). */
export function intentLegs(intent: Pick<OrderIntent, 'instrument' | 'action' | 'quantity'>): SignedLeg[] {
  const sign = actionSign(intent.action);
  const instrument = intent.instrument;
  if (instrument.kind !== 'combo') return [legOf(instrument, sign * intent.quantity)];
  return instrument.legs.map((leg) => legOf(leg.contract, sign * actionSign(leg.action) * leg.ratio * intent.quantity));
}
