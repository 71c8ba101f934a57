// Concentration: the amount at risk in one underlying, and in one sector (via the sector map),
// after the order, as a share of net liquidation. "At risk" is the net delta-dollar exposure
// (exposure.ts): |Σ over contracts of position delta × underlying price|, so the legs of a
// spread offset each other. An order that does not raise its underlying's exposure is always
// allowed (so a concentrated book can be reduced).
import { toDollars, type Money } from '../../../shared/domain/money.ts';
import type { SectorMap } from '../sector-map.ts';
import { COMPARISON_TOLERANCE, deny, percent, type CheckResult } from './denial.ts';

export interface ConcentrationInput {
  readonly underlying: string;
  readonly before: ReadonlyMap<string, number>;
  readonly after: ReadonlyMap<string, number>;
  readonly netLiquidation: Money;
  readonly maxPerUnderlying: number;
  readonly sectors: SectorMap;
  readonly maxPerSector: number;
}

export function checkConcentration(input: ConcentrationInput): CheckResult {
  const { underlying, before, after } = input;
  const exposureAfter = after.get(underlying) ?? 0;
  if (exposureAfter <= (before.get(underlying) ?? 0) + COMPARISON_TOLERANCE) return undefined;
  const netLiquidation = toDollars(input.netLiquidation);
  if (!(netLiquidation > 0)) return deny('CONCENTRATION', `net liquidation is ${netLiquidation}: no new exposure can be taken`);
  const share = exposureAfter / netLiquidation;
  if (share > input.maxPerUnderlying + COMPARISON_TOLERANCE) {
    return deny('CONCENTRATION', `${underlying} would be ${percent(share)} of net liquidation at risk, above the limit of ${percent(input.maxPerUnderlying)}`);
  }
  return checkSector(input, netLiquidation);
}

function checkSector(input: ConcentrationInput, netLiquidation: number): CheckResult {
  const sector = input.sectors.get(input.underlying);
  if (sector === undefined) return undefined;
  let exposure = 0;
  for (const [symbol, amount] of input.after) if (input.sectors.get(symbol) === sector) exposure += amount;
  const share = exposure / netLiquidation;
  if (share <= input.maxPerSector + COMPARISON_TOLERANCE) return undefined;
  return deny('CONCENTRATION', `sector ${sector} would be ${percent(share)} of net liquidation at risk, above the limit of ${percent(input.maxPerSector)}`);
}
