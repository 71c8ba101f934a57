// The 252 sessions of IV history before the simulation starts, generated from the seed by
// running the model's variance factors at daily resolution (after a half-year burn-in from the
// long-run levels) on their own "history:…" streams. The last day's variance state becomes the
// live starting state, so the first simulated IV continues the history instead of jumping.
import type { IsoDate } from '../../shared/domain/index.ts';
import type { MarketConfig } from './market-config.ts';
import { IndexFactorProcess, UnderlyingProcess } from './price-process.ts';
import { RandomStream, type Seed } from './random.ts';
import { streamLabels } from './stream-labels.ts';
import { previousTradingDay } from './trading-calendar.ts';
import { IV_WINDOW_DAYS, type IvHistoryEntry } from './iv-history.ts';
import { atmVolatility, VIX_HORIZON_YEARS, type FactorModel, type UnderlyingModel } from './volatility-model.ts';

const BURN_IN_DAYS = 126;
const DAY_YEARS = 1 / 252;

export type GeneratedHistory = {
  readonly marketVariance: number;
  /** Final h per underlying, in model order. */
  readonly logVarianceFactors: readonly number[];
  /** IV30 history per underlying, in model order, oldest first. */
  readonly histories: readonly (readonly IvHistoryEntry[])[];
};

/** The 252 trading days before `firstSession`, oldest first. */
export function historyDates(firstSession: IsoDate, days = IV_WINDOW_DAYS): IsoDate[] {
  const dates: IsoDate[] = [];
  let date = firstSession;
  for (let index = 0; index < days; index++) {
    date = previousTradingDay(date);
    dates.push(date);
  }
  return dates.reverse();
}

export function generateIvHistory(seed: Seed, config: MarketConfig, factor: FactorModel, models: readonly UnderlyingModel[], firstSession: IsoDate): GeneratedHistory {
  const index = new IndexFactorProcess(factor, new RandomStream(seed, streamLabels.indexHistory));
  const processes = models.map((model) => new UnderlyingProcess(model, factor, new RandomStream(seed, streamLabels.underlyingHistory(model.config.symbol))));
  const dates = historyDates(firstSession);
  const histories: IvHistoryEntry[][] = models.map(() => []);
  for (let day = -BURN_IN_DAYS; day < dates.length; day++) {
    const marketVariance = index.variance;
    index.step(DAY_YEARS);
    for (const process of processes) process.step(DAY_YEARS, marketVariance, index.lastShock, index.lastJump);
    const date = dates[day];
    if (date === undefined) continue;
    processes.forEach((process, position) => {
      const iv = atmVolatility(process.model, factor, index.variance, process.logVarianceFactor, VIX_HORIZON_YEARS, config.variancePremium);
      histories[position]?.push({ date, iv });
    });
  }
  return { marketVariance: index.variance, logVarianceFactors: processes.map((process) => process.logVarianceFactor), histories };
}
