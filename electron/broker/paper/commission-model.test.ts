import { describe, expect, it } from 'vitest';
import { fromDollars, sum } from '../../../shared/domain/money.ts';
import { commissionDue, executionCommission } from './commission-model.ts';
import { DEFAULT_PAPER_BROKER_CONFIG } from './paper-config.ts';

const schedule = DEFAULT_PAPER_BROKER_CONFIG.commissions;

describe('commission model', () => {
  it('when one option contract fills, then the $1.00 minimum applies', () => {
    expect(commissionDue(schedule, 'contract', 1)).toBe(fromDollars(1));
  });

  it('when ten contracts fill, then $0.65 each is charged', () => {
    expect(commissionDue(schedule, 'contract', 10)).toBe(fromDollars(6.5));
  });

  it('when 100 shares fill, then the $1.00 minimum applies; 1,000 shares cost $5.00', () => {
    expect(commissionDue(schedule, 'share', 100)).toBe(fromDollars(1));
    expect(commissionDue(schedule, 'share', 1_000)).toBe(fromDollars(5));
  });

  it('when an order fills in parts, then the first execution pays the minimum and the total is exactly max(1.00, 0.65 × contracts)', () => {
    const parts = [1, 1, 3, 2];
    let before = 0;
    const charges = parts.map((units) => {
      const charge = executionCommission(schedule, 'contract', before, units);
      before += units;
      return charge;
    });
    expect(charges).toEqual([fromDollars(1), fromDollars(0.3), fromDollars(1.95), fromDollars(1.3)]);
    expect(sum(charges)).toBe(fromDollars(0.65 * 7));
  });

  it('when small share executions stay under the minimum, then later ones cost nothing and the total is the minimum', () => {
    const first = executionCommission(schedule, 'share', 0, 50);
    const second = executionCommission(schedule, 'share', 50, 50);
    expect([first, second]).toEqual([fromDollars(1), fromDollars(0)]);
  });
});
