// The trading day the day counters belong to. It turns when the engine clock's instant belongs to
// another trading day (RiskInputs.tradingDayOf: the market calendar's sessionDate turns at the
// next session's open, so nothing resets at 16:00 or at UTC or New York midnight). The new day
// starts with no new positions and takes the latest net liquidation as its baseline; when no
// account summary is known yet, the first one seen that day becomes the baseline.
import type { IsoDate } from '../../shared/domain/calendar.ts';
import type { Money } from '../../shared/domain/money.ts';

export interface RiskDay {
  readonly tradingDay: IsoDate;
  /** Net liquidation when the day began; undefined until an account summary was seen that day. */
  readonly startOfDayNetLiquidation: Money | undefined;
  readonly newPositionsToday: number;
}

/** The day at `today` given the latest net liquidation; the same object when nothing changes. */
export function dayAt(current: RiskDay, today: IsoDate, netLiquidation: Money | undefined): RiskDay {
  if (current.tradingDay !== today) return Object.freeze({ tradingDay: today, startOfDayNetLiquidation: netLiquidation, newPositionsToday: 0 });
  if (current.startOfDayNetLiquidation === undefined && netLiquidation !== undefined) return Object.freeze({ ...current, startOfDayNetLiquidation: netLiquidation });
  return current;
}

export function withNewPosition(day: RiskDay): RiskDay {
  return Object.freeze({ ...day, newPositionsToday: day.newPositionsToday + 1 });
}
