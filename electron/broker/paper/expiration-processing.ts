// Expiration at 16:00 New York on the expiry date: working orders on the expired contract are
// cancelled, and every position in it is settled (expiration-settlement.ts) by the underlying's
// price at that moment. A settlement is booked through the ledger, recorded, and reported as a
// 'notice' event (the port's executions carry a client order ref, which an exercise has not);
// positions(), executions-free cash and accountSummary() show the result to the reconciler.
import { contractKey, type OptionContract } from '../../../shared/domain/contract.ts';
import { fromMicros, toDollars, ZERO_MONEY } from '../../../shared/domain/money.ts';
import { underlyingMicros } from './account-figures.ts';
import type { ExchangeContext } from './exchange-context.ts';
import { describeSettlement, planSettlement } from './expiration-settlement.ts';
import { cancelOrder, notice } from './order-reports.ts';
import type { PaperSettlement } from './paper-records.ts';

function optionsOf(context: ExchangeContext): OptionContract[] {
  return context.ledger.openPositions().flatMap((position) => (position.contract.kind === 'option' ? [position.contract] : []));
}

/** The earliest expiration time after now among open option positions and working orders. */
export function nextExpirationTime(context: ExchangeContext): number | undefined {
  let earliest: number | undefined;
  const consider = (contract: OptionContract) => {
    const time = context.expirationTime(contract.expiry);
    if (time > context.now && (earliest === undefined || time < earliest)) earliest = time;
  };
  optionsOf(context).forEach(consider);
  for (const order of context.book.live()) {
    const instrument = order.request.instrument;
    if (instrument.kind === 'option') consider(instrument);
    if (instrument.kind === 'combo') instrument.legs.forEach((leg) => consider(leg.contract));
  }
  return earliest;
}

function isExpired(context: ExchangeContext, contract: OptionContract): boolean {
  return context.now >= context.expirationTime(contract.expiry);
}

export function processExpirations(context: ExchangeContext): void {
  for (const order of context.book.live()) {
    const instrument = order.request.instrument;
    const options = instrument.kind === 'option' ? [instrument] : instrument.kind === 'combo' ? instrument.legs.map((leg) => leg.contract) : [];
    const expired = options.find((contract) => isExpired(context, contract));
    if (expired !== undefined) cancelOrder(context, order, `contract expired: ${contractKey(expired)}`);
  }
  for (const contract of optionsOf(context)) if (isExpired(context, contract)) settle(context, contract);
}

function settle(context: ExchangeContext, contract: OptionContract): void {
  const key = contractKey(contract);
  const underlying = underlyingMicros(context, contract.underlyingSymbol);
  if (underlying === undefined) {
    if (!context.settlementWarnings.has(key)) notice(context, `cannot settle ${key} at expiration: the price of ${contract.underlyingSymbol} is unknown (will retry)`, undefined, undefined);
    context.settlementWarnings.add(key);
    return;
  }
  context.settlementWarnings.delete(key);
  const quantity = context.ledger.position(contract)?.quantity ?? 0;
  const cashSettled = context.config.cashSettledSymbols.includes(contract.underlyingSymbol);
  const plan = planSettlement({ contract, quantity, underlyingMicros: underlying, thresholdMicros: context.config.exerciseThreshold, cashSettled });
  for (const trade of plan.trades) context.ledger.apply({ ...trade, commission: ZERO_MONEY, time: context.now });
  const description = describeSettlement(plan, key);
  const settlement: PaperSettlement = Object.freeze({
    sequence: context.counters.nextSettlementSequence++,
    time: context.now,
    contract,
    quantity,
    outcome: plan.outcome,
    underlyingPrice: toDollars(fromMicros(underlying)),
    intrinsicValue: toDollars(fromMicros(plan.intrinsicMicros)),
    description,
  });
  context.changes.settlements.push(settlement);
  context.logger.info('paper expiration settled', { contract: key, outcome: plan.outcome, quantity });
  notice(context, description, undefined, undefined);
}
