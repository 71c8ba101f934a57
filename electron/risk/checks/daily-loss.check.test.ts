import { describe, expect, it } from 'vitest';
import { fromDollars } from '../../../shared/domain/money.ts';
import { checkDailyLoss, dailyLoss } from './daily-loss.check.ts';

const start = fromDollars(100_000);
const lossAt = (netLiquidation: number) => dailyLoss(fromDollars(netLiquidation), start, 0.02);

describe('daily loss', () => {
  it('when the day lost exactly 2 % of start-of-day net liquidation, then the breaker trips and the order is denied DAILY_LOSS_LIMIT', () => {
    const loss = lossAt(98_000);
    expect(loss).toEqual({ pnl: fromDollars(-2_000), limit: fromDollars(-2_000), breached: true });
    expect(checkDailyLoss(loss, 0.02)).toMatchObject({ code: 'DAILY_LOSS_LIMIT', reason: expect.stringContaining('-$2,000.00') });
  });

  it('when the day lost one cent less than the limit, then nothing trips', () => {
    expect(lossAt(98_000.01).breached).toBe(false);
    expect(checkDailyLoss(lossAt(98_000.01), 0.02)).toBeUndefined();
  });

  it('when the day lost more than the limit, then the breaker trips; a gain never does', () => {
    expect(lossAt(97_999.99).breached).toBe(true);
    expect(lossAt(103_000).breached).toBe(false);
  });
});
