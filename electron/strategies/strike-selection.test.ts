import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/domain/index.ts';
import { requireBeyond, requireListedStrike, strikeAtWidth } from './strike-selection.ts';
import { validationErrorOf } from './testing/thrown.ts';

const strikes = [380, 390, 400, 402.5, 405, 407.5, 410, 420, 430];
const where = { symbol: 'TSLA', expiry: '2026-12-18' as IsoDate };

describe('strikeAtWidth', () => {
  it('when the strike at the width is listed, then it is picked', () => {
    expect(strikeAtWidth(strikes, 405, 5, 'below', 'width')).toBe(400);
    expect(strikeAtWidth(strikes, 405, 2.5, 'above', 'width')).toBe(407.5);
  });

  it('when the chain steps wider than the width, then the nearest listed strike beyond the anchor is picked', () => {
    expect(strikeAtWidth(strikes, 410, 5, 'above', 'width')).toBe(420);
    expect(strikeAtWidth(strikes, 390, 3, 'below', 'width')).toBe(380);
  });

  it('when two strikes are equally near the target, then the narrower one is picked', () => {
    expect(strikeAtWidth(strikes, 410, 15, 'above', 'width')).toBe(420);
  });

  it('when nothing is listed beyond the anchor, then it fails naming the field', () => {
    expect(validationErrorOf(() => strikeAtWidth(strikes, 380, 5, 'below', 'wings.width')).field).toBe('wings.width');
  });
});

describe('requireListedStrike and requireBeyond', () => {
  it('when a strike is not listed, then the error names the field and the nearest listed strikes', () => {
    const error = validationErrorOf(() => requireListedStrike(strikes, 401, 'strikes.short', where));
    expect(error.field).toBe('strikes.short');
    expect(error.message).toContain('nearest listed: 400, 402.5');
    expect(requireListedStrike(strikes, 402.5, 'strikes.short', where)).toBe(402.5);
  });

  it('when a delta picks a strike on the wrong side of its anchor, then the error names the delta field', () => {
    const error = validationErrorOf(() => requireBeyond(400, 400, 'below', 'wings.delta', 'short put', 0.15));
    expect(error.field).toBe('wings.delta');
    expect(error.value).toBe(0.15);
    expect(() => requireBeyond(395, 400, 'below', 'wings.delta', 'short put', 0.1)).not.toThrow();
  });
});
