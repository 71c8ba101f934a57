// Commissions like IB's fixed US schedule: options $0.65 per contract, stocks $0.005 per share,
// each with a $1.00 minimum per ORDER. An order that fills in several executions is charged
// cumulatively: after every execution the order owes max(minimum, rate × units filled so far),
// and the execution carries the difference to what was already charged. So the first
// execution pays the minimum, later ones only what the rate adds, and the order's total is
// exactly max(minimum, rate × units) however it was split. (IB's premium-tiered option rates
// and the 1 %-of-value stock cap are not modelled.)
import { multiplyByInteger, subtract, ZERO_MONEY, type Money } from '../../../shared/domain/money.ts';
import type { PaperCommissionSchedule } from './paper-config.ts';

/** What is charged per unit: contracts of options (also every combo leg) or shares. */
export type CommissionUnit = 'contract' | 'share';

/** What an order owes once `units` of it have filled (0 before anything filled). */
export function commissionDue(schedule: PaperCommissionSchedule, unit: CommissionUnit, units: number): Money {
  if (units === 0) return ZERO_MONEY;
  const rate = unit === 'contract' ? schedule.optionPerContract : schedule.sharePerShare;
  const minimum = unit === 'contract' ? schedule.optionMinimumPerOrder : schedule.shareMinimumPerOrder;
  const byRate = multiplyByInteger(rate, units);
  return byRate > minimum ? byRate : minimum;
}

/** The commission of one execution of `units`, after `unitsBefore` of the same order already filled. */
export function executionCommission(schedule: PaperCommissionSchedule, unit: CommissionUnit, unitsBefore: number, units: number): Money {
  return subtract(commissionDue(schedule, unit, unitsBefore + units), commissionDue(schedule, unit, unitsBefore));
}
