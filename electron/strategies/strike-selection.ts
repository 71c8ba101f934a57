// Picking strikes from a listed chain: an explicit strike must be listed; a strike "width points
// away" is the listed strike nearest that target strictly beyond the anchor (chains are not
// evenly spaced: far strikes step by $5 or $10), ties going to the narrower one.
import { invalid, type IsoDate } from '../../shared/domain/index.ts';
import { requirePositiveNumber } from '../../shared/domain/validate.ts';

export type StrikeSide = 'below' | 'above';

function nearestListed(strikes: readonly number[], value: number): string {
  const sorted = [...strikes].sort((a, b) => Math.abs(a - value) - Math.abs(b - value) || a - b);
  return sorted.slice(0, 2).sort((a, b) => a - b).join(', ');
}

export function requireListedStrike(strikes: readonly number[], value: unknown, field: string, where: { readonly symbol: string; readonly expiry: IsoDate }): number {
  const strike = requirePositiveNumber(value, field);
  if (!strikes.includes(strike)) invalid(field, `must be a listed strike of ${where.symbol} ${where.expiry} (nearest listed: ${nearestListed(strikes, strike)})`, value);
  return strike;
}

/** The listed strike nearest anchor ∓ width, strictly below (or above) the anchor. */
export function strikeAtWidth(strikes: readonly number[], anchor: number, width: number, side: StrikeSide, field: string): number {
  const target = side === 'below' ? anchor - width : anchor + width;
  let best: number | undefined;
  for (const strike of strikes) {
    const beyond = side === 'below' ? strike < anchor : strike > anchor;
    if (!beyond) continue;
    const distance = Math.abs(strike - target);
    const bestDistance = best === undefined ? Number.POSITIVE_INFINITY : Math.abs(best - target);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && Math.abs(strike - anchor) < Math.abs(best - anchor))) best = strike;
  }
  if (best === undefined) invalid(field, `leaves no listed strike ${side} ${anchor}`, width);
  return best;
}

/** Throws unless `strike` lies strictly on `side` of `anchor` (a wing or long leg picked by delta). */
export function requireBeyond(strike: number, anchor: number, side: StrikeSide, field: string, anchorName: string, delta: number): void {
  const beyond = side === 'below' ? strike < anchor : strike > anchor;
  if (!beyond) invalid(field, `must pick a strike ${side} the ${anchorName} strike ${anchor} (it picks ${strike}): choose a delta further from it`, delta);
}
