// What the governor keeps across a restart: the trading day with its start-of-day net
// liquidation and new-position count (so a restart mid-day keeps the day's baseline and
// counters), and the trading state (so a latched halt survives a restart). The reconciled flag
// is NOT kept: every start must reconcile again. Stored as one JSON setting (settings table);
// the risk_events journal remains the audit trail of how the state got there.
import { parseIsoDate } from '../../shared/domain/calendar.ts';
import { invalid } from '../../shared/domain/errors.ts';
import { parseMoney } from '../../shared/domain/money.ts';
import { TRADING_STATES } from '../../shared/domain/risk.ts';
import { requireBoolean, requireNonEmptyString, requireNonNegativeInteger, requireOneOf } from '../../shared/domain/validate.ts';
import type { JsonValue } from '../persistence/json-text.ts';
import type { RiskDay } from './risk-day.ts';
import type { TradingControl } from './trading-control.ts';

export interface StoredRiskState {
  readonly day: RiskDay;
  readonly control: TradingControl;
}

/** Where the governor keeps StoredRiskState. load() returns the raw stored value (parsed and checked by the governor). */
export interface RiskStateStore {
  load(): unknown;
  save(state: StoredRiskState): void;
}

export const RISK_STATE_SETTING_KEY = 'risk.governor.state';
const FORMAT_VERSION = 1;

/** A RiskStateStore over the settings repository (SettingsRepository or anything with get/set). */
export function settingsRiskStateStore(settings: { get(key: string): JsonValue | undefined; set(key: string, value: JsonValue): void }, key = RISK_STATE_SETTING_KEY): RiskStateStore {
  return {
    load: () => settings.get(key),
    save: (state) => settings.set(key, toStoredJson(state)),
  };
}

export function toStoredJson(state: StoredRiskState): JsonValue {
  return {
    version: FORMAT_VERSION,
    tradingDay: state.day.tradingDay,
    startOfDayNetLiquidationMicros: state.day.startOfDayNetLiquidation ?? null,
    newPositionsToday: state.day.newPositionsToday,
    tradingState: state.control.tradingState,
    reason: state.control.reason ?? null,
    latched: state.control.latched,
  };
}

/** Checks a stored value; throws a DomainValidationError naming the bad field. */
export function parseStoredRiskState(value: unknown): StoredRiskState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid('risk state', 'must be a JSON object', value);
  const stored = value as Record<string, unknown>;
  if (stored.version !== FORMAT_VERSION) invalid('risk state.version', `must be ${FORMAT_VERSION}`, stored.version);
  const start = stored.startOfDayNetLiquidationMicros;
  const tradingState = requireOneOf(stored.tradingState, TRADING_STATES, 'risk state.tradingState');
  const reason = stored.reason === null ? undefined : requireNonEmptyString(stored.reason, 'risk state.reason');
  if ((tradingState === 'ACTIVE') !== (reason === undefined)) invalid('risk state.reason', 'must be set exactly when trading is not ACTIVE', stored.reason);
  return {
    day: {
      tradingDay: parseIsoDate(stored.tradingDay, 'risk state.tradingDay'),
      startOfDayNetLiquidation: start === null ? undefined : parseMoney(start, 'risk state.startOfDayNetLiquidationMicros'),
      newPositionsToday: requireNonNegativeInteger(stored.newPositionsToday, 'risk state.newPositionsToday'),
    },
    control: { tradingState, reason, latched: requireBoolean(stored.latched, 'risk state.latched') },
  };
}
