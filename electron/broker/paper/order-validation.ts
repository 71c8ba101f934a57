// Why the paper broker would refuse an order, in words a trader understands (the status reason):
// invalid quantity, invalid contract / unknown contract / contract expired, invalid price
// (negative, off the tick grid, missing for the type), invalid order (TIF not allowed), market
// closed for a market order. Buying power is checked separately (buying-power.ts).
import type { BrokerOrderRequest } from '../broker.ts';
import type { IsoDate } from '../../../shared/domain/calendar.ts';
import { contractKey, type Contract } from '../../../shared/domain/contract.ts';
import { DomainValidationError } from '../../../shared/domain/errors.ts';
import { restoreInstrument, type Instrument } from '../../../shared/domain/instrument.ts';
import { fromDollars } from '../../../shared/domain/money.ts';
import { validateOrderPriceFields } from '../../../shared/domain/order-price-fields.ts';
import { ORDER_ACTIONS, ORDER_TYPES, TIME_IN_FORCES } from '../../../shared/domain/order-types.ts';
import type { PaperMarketPort } from './paper-market-port.ts';
import { formatTick, isOnGrid, priceGridOf, tickAt } from './price-grid.ts';

export interface ValidationInput {
  readonly market: PaperMarketPort;
  readonly now: number;
  readonly expirationTime: (expiry: IsoDate) => number;
  /** Bracket children must rest (DAY or GTC). */
  readonly bracketChild: boolean;
}

/** The reason the order must be rejected, or undefined when it may be accepted. */
export function rejectionReason(request: BrokerOrderRequest, input: ValidationInput): string | undefined {
  const quantity = request.quantity;
  if (!Number.isSafeInteger(quantity) || quantity <= 0) return `invalid quantity: quantity must be a positive whole number, got ${String(quantity)}`;
  const shape = checkShape(request, input.bracketChild);
  if (typeof shape === 'string') return shape;
  return checkContracts(shape, input) ?? checkPrices(request, shape, input.market) ?? checkSession(request, input);
}

/** The instrument, re-validated, or the reason it cannot be traded. */
function checkShape(request: BrokerOrderRequest, bracketChild: boolean): Instrument | string {
  let instrument: Instrument;
  try {
    if (typeof request.instrument !== 'object' || request.instrument === null) return 'invalid contract: the order has no instrument';
    instrument = restoreInstrument(request.instrument);
  } catch (error) {
    // Anything thrown by a malformed instrument is a reason to refuse the order, never a crash.
    return `invalid contract: ${error instanceof DomainValidationError || error instanceof Error ? error.message : String(error)}`;
  }
  if (instrument.kind === 'index') return `invalid contract: ${instrument.symbol} is an index, which is not tradable (trade its options)`;
  if (!(ORDER_ACTIONS as readonly string[]).includes(request.action)) return `invalid order: action must be BUY or SELL, got ${String(request.action)}`;
  if (!(ORDER_TYPES as readonly string[]).includes(request.type)) return `invalid order: unknown order type ${String(request.type)}`;
  if (!(TIME_IN_FORCES as readonly string[]).includes(request.tif)) return `invalid order: unknown time in force ${String(request.tif)}`;
  if (bracketChild && request.tif !== 'DAY' && request.tif !== 'GTC') return `invalid order: a bracket child must be DAY or GTC, got ${request.tif}`;
  const opgTypes = request.type === 'MKT' || request.type === 'LMT';
  if (request.tif === 'OPG' && (!opgTypes || instrument.kind === 'combo')) return 'invalid order: OPG accepts only MKT and LMT orders on a single contract';
  return instrument;
}

function contractsOf(instrument: Instrument): Contract[] {
  return instrument.kind === 'combo' ? instrument.legs.map((leg) => leg.contract) : [instrument];
}

function checkContracts(instrument: Instrument, input: ValidationInput): string | undefined {
  for (const contract of contractsOf(instrument)) {
    const key = contractKey(contract);
    if (input.market.quote(contract) === undefined) return `unknown contract ${key}`;
    if (contract.kind === 'option' && input.now >= input.expirationTime(contract.expiry)) return `contract expired: ${key} expired on ${contract.expiry}`;
  }
  return undefined;
}

function checkPrices(request: BrokerOrderRequest, instrument: Instrument, market: ValidationInput['market']): string | undefined {
  const isCombo = instrument.kind === 'combo';
  try {
    const { limitPrice, stopPrice, trailingAmount, trailingPercent, limitOffset } = request;
    validateOrderPriceFields(request.type, { limitPrice, stopPrice, trailingAmount, trailingPercent, limitOffset }, isCombo);
  } catch (error) {
    if (!(error instanceof DomainValidationError)) throw error;
    return error.field === 'type' ? `invalid order: ${error.message}` : `invalid price: ${error.message}`;
  }
  const grid = priceGridOf(instrument, market);
  for (const [name, price] of [['limit', request.limitPrice], ['stop', request.stopPrice]] as const) {
    if (price === undefined) continue;
    if (!isCombo && price <= 0) return `invalid price: ${name} price must be positive, got ${price}`;
    const micros = fromDollars(price);
    if (!isOnGrid(grid, micros)) {
      const tick = formatTick(tickAt(grid, micros));
      return `invalid price: ${name} price ${price} is not a multiple of the ${tick} tick for ${isCombo ? 'a combo' : contractKey(instrument as Contract)}`;
    }
  }
  return undefined;
}

function checkSession(request: BrokerOrderRequest, input: ValidationInput): string | undefined {
  if (request.type === 'MKT' && request.tif !== 'OPG' && !input.market.isRegularHours(input.now)) return 'market closed for a market order';
  return undefined;
}
