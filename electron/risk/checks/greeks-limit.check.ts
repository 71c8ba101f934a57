// Portfolio delta (shares-equivalent) and vega ($ per vol point) after the order, against
// absolute limits. An order that does not increase |delta| (|vega|) is allowed even when the
// portfolio is already beyond the limit, so the book can always be brought back inside it.
import { COMPARISON_TOLERANCE, deny, type CheckResult } from './denial.ts';

function checkGreek(code: 'PORTFOLIO_DELTA' | 'PORTFOLIO_VEGA', name: string, before: number, after: number, limit: number): CheckResult {
  if (Math.abs(after) <= limit + COMPARISON_TOLERANCE) return undefined;
  if (Math.abs(after) <= Math.abs(before) + COMPARISON_TOLERANCE) return undefined;
  return deny(code, `portfolio ${name} would be ${round(after)} (from ${round(before)}), beyond the limit of ±${limit}`);
}

export function checkPortfolioDelta(before: number, after: number, maxPortfolioDelta: number): CheckResult {
  return checkGreek('PORTFOLIO_DELTA', 'delta', before, after, maxPortfolioDelta);
}

export function checkPortfolioVega(before: number, after: number, maxPortfolioVega: number): CheckResult {
  return checkGreek('PORTFOLIO_VEGA', 'vega', before, after, maxPortfolioVega);
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}
