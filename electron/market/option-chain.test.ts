import { describe, expect, it } from 'vitest';
import { contractKey, type IsoDate } from '../../shared/domain/index.ts';
import { DEFAULT_MARKET_CONFIG, DEFAULT_UNDERLYINGS } from './default-market-config.ts';
import { UnderlyingChain, type ListingMarket } from './option-chain.ts';

const spy = DEFAULT_UNDERLYINGS[0]!;
const newChain = () => new UnderlyingChain('SPY', { tiers: spy.strikeTiers, farIncrement: spy.farStrikeIncrement }, DEFAULT_MARKET_CONFIG);
const market = (sessionDate: string, spot: number): ListingMarket => ({
  sessionDate: sessionDate as IsoDate,
  now: Date.parse(`${sessionDate}T14:30:00Z`),
  spot,
  atmVolatility: () => 0.16,
});

describe('UnderlyingChain', () => {
  it('when refreshed, then every expiration has calls and puts at every strike, keyed by contractKey', () => {
    const chain = newChain();
    chain.refresh(market('2026-11-23', 680));
    expect(chain.expiries.length).toBeGreaterThanOrEqual(9);
    for (const listing of chain.expiries) {
      expect(listing.calls.size).toBe(listing.strikes.length);
      expect(listing.puts.size).toBe(listing.strikes.length);
    }
    const listed = chain.expiries[0]!.option(680, 'put')!;
    expect(listed.key).toBe('SPY 2026-11-27 680 P');
    expect(chain.find(contractKey(listed.contract))).toBe(listed);
    expect(chain.size).toBe(chain.expiries.reduce((sum, listing) => sum + 2 * listing.strikes.length, 0));
  });

  it('when the expiry is further out, then its strikes reach further from spot', () => {
    const chain = newChain();
    chain.refresh(market('2026-11-23', 680));
    const first = chain.expiries[0]!.strikes;
    const last = chain.expiries.at(-1)!.strikes;
    expect(last[0]).toBeLessThan(first[0]!);
    expect(last.at(-1)).toBeGreaterThan(first.at(-1)!);
  });

  it('when refreshed a week later at a higher price, then expired expirations go, new ones come, and old strikes stay', () => {
    const chain = newChain();
    chain.refresh(market('2026-11-23', 680));
    const december = chain.expiry('2026-12-18')!;
    const before = [...december.strikes];
    const expiredKey = chain.expiries[0]!.option(680, 'call')!.key;
    chain.refresh(market('2026-11-30', 720));
    expect(chain.expiry('2026-11-27')).toBeUndefined();
    expect(chain.find(expiredKey)).toBeUndefined();
    expect(chain.expiry('2026-12-18')).toBe(december);
    for (const strike of before) expect(december.strikes).toContain(strike);
    expect(december.strikes.at(-1)).toBeGreaterThan(before.at(-1)!);
    expect(chain.expiry('2027-01-22')).toBeDefined();
  });
});
