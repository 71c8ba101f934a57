// Broker requests for resiliency tests: SPY options with refs OWS-000001, OWS-000002, …
import type { BrokerBracketRequest, BrokerOrderRequest } from '../../broker.ts';
import { restoreOptionContract, type OptionContract } from '../../../../shared/domain/contract.ts';
import { formatClientOrderRef } from '../../../../shared/domain/ids.ts';

export const SPY_560_CALL: OptionContract = restoreOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-03-20', strike: 560, right: 'call' });

/** BUY 1 SPY 560 C LMT 2.05 DAY with ref number `sequence`, unless `fields` say otherwise. */
export function orderRequest(sequence: number, fields: Partial<BrokerOrderRequest> = {}): BrokerOrderRequest {
  return { clientOrderRef: formatClientOrderRef(sequence), instrument: SPY_560_CALL, action: 'BUY', quantity: 1, type: 'LMT', tif: 'DAY', limitPrice: 2.05, ...fields };
}

/** A bracket with refs `first`, `first + 1`, `first + 2`. */
export function bracketRequest(first: number): BrokerBracketRequest {
  return {
    parent: orderRequest(first),
    takeProfit: orderRequest(first + 1, { action: 'SELL', limitPrice: 3, tif: 'GTC' }),
    stopLoss: orderRequest(first + 2, { action: 'SELL', type: 'STP', stopPrice: 1.5, limitPrice: undefined, tif: 'GTC' }),
  };
}
