// What the risk governor did, as stored in risk_events (the domain has the vocabulary —
// trading states, denial codes — but no event shape, so it lives here):
// - DENIAL: an order refused, with the denial code and reason and the state at the time;
// - STATE_CHANGE: the trading state moved (e.g. ACTIVE → REDUCING, or a reset to ACTIVE);
// - HALT: the kill switch (any trigger: shortcut, tray, button, API, rule) set HALTED.
import { invalid } from '../../shared/domain/errors.ts';
import { parseOrderId, type OrderId } from '../../shared/domain/ids.ts';
import { RISK_DENIAL_CODES, TRADING_STATES, type RiskDenialCode, type TradingState } from '../../shared/domain/risk.ts';
import { optional, requireBoolean, requireEpochMillis, requireNonEmptyString, requireNonNegativeInteger, requireOneOf } from '../../shared/domain/validate.ts';

export const RISK_EVENT_KINDS = ['DENIAL', 'STATE_CHANGE', 'HALT'] as const;
export type RiskEventKind = (typeof RISK_EVENT_KINDS)[number];

export interface RiskEvent {
  /** Row number once stored (0 before). */
  readonly id: number;
  readonly kind: RiskEventKind;
  readonly time: number;
  readonly reason: string;
  /** The state after the event (for a DENIAL: the state the order was checked in). */
  readonly tradingState: TradingState;
  /** STATE_CHANGE and HALT: the state before. */
  readonly previousState: TradingState | undefined;
  /** DENIAL only. */
  readonly denialCode: RiskDenialCode | undefined;
  /** DENIAL: the refused order, when it was saved. */
  readonly orderId: OrderId | undefined;
  /** A latched state stays until a human resets it. */
  readonly latched: boolean;
  /** HALT: what fired the kill switch ('shortcut', 'tray', 'button', 'api', 'rule:r07', …). */
  readonly trigger: string | undefined;
}

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
export type RiskEventInput = Optional<RiskEvent, 'id' | 'previousState' | 'denialCode' | 'orderId' | 'latched' | 'trigger'>;

const requireState = (value: unknown, field: string): TradingState => requireOneOf(value, TRADING_STATES, field);

export function createRiskEvent(input: RiskEventInput): RiskEvent {
  const kind = requireOneOf(input.kind, RISK_EVENT_KINDS, 'kind');
  const event: RiskEvent = Object.freeze({
    id: requireNonNegativeInteger(input.id ?? 0, 'id'),
    kind,
    time: requireEpochMillis(input.time, 'time'),
    reason: requireNonEmptyString(input.reason, 'reason'),
    tradingState: requireState(input.tradingState, 'tradingState'),
    previousState: optional(input.previousState, 'previousState', requireState),
    denialCode: optional(input.denialCode, 'denialCode', (value, field) => requireOneOf(value, RISK_DENIAL_CODES, field)),
    orderId: optional(input.orderId, 'orderId', parseOrderId),
    latched: requireBoolean(input.latched ?? false, 'latched'),
    trigger: optional(input.trigger, 'trigger', (value, field) => requireNonEmptyString(value, field, 100)),
  });
  requireKindDetails(event);
  return event;
}

function requireKindDetails(event: RiskEvent): void {
  const { kind } = event;
  if ((event.denialCode === undefined) === (kind === 'DENIAL')) invalid('denialCode', `must be set exactly for a DENIAL (kind is ${kind})`, event.denialCode);
  if ((event.previousState === undefined) !== (kind === 'DENIAL')) invalid('previousState', `must be set for STATE_CHANGE and HALT and absent for a DENIAL (kind is ${kind})`, event.previousState);
  if (event.orderId !== undefined && kind !== 'DENIAL') invalid('orderId', `must be absent unless the event is a DENIAL (kind is ${kind})`, event.orderId);
  if ((event.trigger === undefined) === (kind === 'HALT')) invalid('trigger', `must be set exactly for a HALT (kind is ${kind})`, event.trigger);
  if (kind === 'HALT' && event.tradingState !== 'HALTED') invalid('tradingState', 'must be HALTED after a HALT', event.tradingState);
  if (kind === 'DENIAL' && event.latched) invalid('latched', 'must be false for a DENIAL', event.latched);
}
