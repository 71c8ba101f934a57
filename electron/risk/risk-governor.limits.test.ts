import { describe, expect, it } from 'vitest';
import type { RiskLimits } from '../../shared/domain/risk.ts';
import type { OrderIntent } from './pre-trade-gate.ts';
import { createSectorMap } from './sector-map.ts';
import { dollars, governorHarness, intent, optionQuote, put430, put440, qqqPut, RiskWorld } from './testing/risk-world.ts';
import type { RiskGovernorConfig } from './risk-governor.ts';

/** Net liquidation $1,000,000 and $100,000 margin used, so only the limit under test binds. */
function bigWorld(): RiskWorld {
  const world = new RiskWorld();
  world.setAccount({ netLiquidation: 1_000_000, marginUsed: 100_000 });
  return world;
}

function setUp(options: { limits?: Partial<RiskLimits>; world?: RiskWorld; config?: Partial<RiskGovernorConfig> } = {}) {
  return governorHarness({ world: options.world ?? bigWorld(), limits: options.limits, config: options.config });
}

const codeOf = (verdict: ReturnType<ReturnType<typeof setUp>['governor']['check']>) => (verdict.allowed ? 'ALLOWED' : verdict.denial.code);

describe('RiskGovernor per-order limits', () => {
  it('when an order has exactly the maximum contracts, then it is allowed; one more, then denied MAX_CONTRACTS_PER_ORDER', () => {
    const { governor } = setUp();
    expect(codeOf(governor.check(intent({ quantity: 20 })))).toBe('ALLOWED');
    expect(codeOf(governor.check(intent({ quantity: 21 })))).toBe('MAX_CONTRACTS_PER_ORDER');
  });

  it('when the limit is at the edge of the collar around the mid, then it is allowed; beyond, then denied PRICE_COLLAR', () => {
    const { governor } = setUp();
    // mid 1.15: width max(0.2 × 1.15, 0.10) = 0.23.
    expect(codeOf(governor.check(intent({ limitPrice: 1.38 })))).toBe('ALLOWED');
    expect(codeOf(governor.check(intent({ limitPrice: 0.92, quantity: 2 })))).toBe('ALLOWED');
    expect(codeOf(governor.check(intent({ limitPrice: 1.3801, quantity: 3 })))).toBe('PRICE_COLLAR');
  });

  it.each([
    ['missing', undefined],
    ['stale', optionQuote(1.15, -0.15, 0.3, Date.UTC(2026, 2, 10, 14, 59, 54))],
    ['zero', optionQuote(0, -0.15, 0.3, Date.UTC(2026, 2, 10, 15))],
    ['NaN', optionQuote(Number.NaN, -0.15, 0.3, Date.UTC(2026, 2, 10, 15))],
  ])('when the reference price is %s, then the order fails closed with NO_REFERENCE_PRICE', (_label, quote) => {
    const { governor, world } = setUp();
    world.setQuote(put440, quote);
    expect(codeOf(governor.check(intent()))).toBe('NO_REFERENCE_PRICE');
  });

  it('when a held contract has stale market data, then a new order is denied STALE_DATA naming it', () => {
    const { governor, world } = setUp();
    world.hold(qqqPut, -1);
    world.setQuote(qqqPut, optionQuote(2, -0.2, 0.4, world.clock.now() - 5_001, 400));
    expect(governor.check(intent())).toMatchObject({ allowed: false, denial: { code: 'STALE_DATA', reason: expect.stringContaining('QQQ') } });
  });

  it('when the same order comes again 999 ms later, then it is denied DUPLICATE_ORDER; 1000 ms later, then allowed', () => {
    const { governor, world } = setUp();
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('ALLOWED');
    world.advance(999);
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('DUPLICATE_ORDER');
    world.advance(1);
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('ALLOWED');
  });

  it('when the rate limit is reached by orders, modifications and cancels, then the next order is denied ORDER_RATE until the second has passed', () => {
    const { governor, world } = setUp();
    const first = intent({ quantity: 1 });
    expect(codeOf(governor.check(first))).toBe('ALLOWED');
    expect(codeOf(governor.check({ ...first, kind: 'modify', limitPrice: 1.2 }))).toBe('ALLOWED');
    governor.recordCancel();
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('ALLOWED');
    expect(codeOf(governor.check(intent({ quantity: 3 })))).toBe('ALLOWED'); // the 5th message
    expect(codeOf(governor.check(intent({ quantity: 4 })))).toBe('ORDER_RATE');
    world.advance(999);
    expect(codeOf(governor.check(intent({ quantity: 4 })))).toBe('ORDER_RATE');
    world.advance(1);
    expect(codeOf(governor.check(intent({ quantity: 4 })))).toBe('ALLOWED');
  });
});

describe('RiskGovernor position limits', () => {
  const holdStrategies = (world: RiskWorld, count: number) => {
    for (let index = 1; index <= count; index++) world.hold(put430, 1, `held-${index}`);
  };

  it('when 9 positions are open, then a tenth may open; when 10 are open, then a new one is denied MAX_OPEN_POSITIONS', () => {
    const nine = setUp();
    holdStrategies(nine.world, 9);
    expect(codeOf(nine.governor.check(intent({ strategyId: 'new-1' as OrderIntent['strategyId'] })))).toBe('ALLOWED');
    const ten = setUp();
    holdStrategies(ten.world, 10);
    expect(codeOf(ten.governor.check(intent({ strategyId: 'new-1' as OrderIntent['strategyId'] })))).toBe('MAX_OPEN_POSITIONS');
  });

  it('when 10 positions are open, then adding to one of them or reducing one is still allowed', () => {
    const { governor, world } = setUp();
    holdStrategies(world, 10);
    expect(codeOf(governor.check(intent({ instrument: put430, action: 'BUY', limitPrice: 0.8, strategyId: 'held-3' as OrderIntent['strategyId'] })))).toBe('ALLOWED');
    expect(codeOf(governor.check(intent({ instrument: put430, action: 'SELL', limitPrice: 0.8, quantity: 1 })))).toBe('ALLOWED');
  });

  it('when a new position was admitted but has not filled yet, then it holds its slot until the reservation expires', () => {
    const { governor, world } = setUp();
    holdStrategies(world, 9);
    expect(codeOf(governor.check(intent({ strategyId: 'racing-a' as OrderIntent['strategyId'] })))).toBe('ALLOWED');
    world.advance(1_000);
    expect(codeOf(governor.check(intent({ strategyId: 'racing-b' as OrderIntent['strategyId'] })))).toBe('MAX_OPEN_POSITIONS');
    expect(codeOf(governor.check(intent({ strategyId: 'racing-a' as OrderIntent['strategyId'], quantity: 2 })))).toBe('ALLOWED');
    world.advance(300_000);
    expect(codeOf(governor.check(intent({ strategyId: 'racing-b' as OrderIntent['strategyId'] })))).toBe('ALLOWED');
  });

  it('when 10 new positions were opened today, then the 11th is denied MAX_NEW_POSITIONS; more orders for an admitted one are not counted', () => {
    const { governor, world } = setUp({ limits: { maxOpenPositions: 50 } });
    for (let index = 1; index <= 10; index++) {
      expect(codeOf(governor.check(intent({ strategyId: `day-${index}` as OrderIntent['strategyId'] })))).toBe('ALLOWED');
      world.advance(1_000);
    }
    expect(codeOf(governor.check(intent({ strategyId: 'day-1' as OrderIntent['strategyId'] })))).toBe('ALLOWED');
    expect(governor.state().newPositionsToday).toBe(10);
    world.advance(1_000);
    expect(codeOf(governor.check(intent({ strategyId: 'day-11' as OrderIntent['strategyId'] })))).toBe('MAX_NEW_POSITIONS');
  });

  it('when a modification or a dry run is checked, then modifications do not count as new positions and dry runs count exactly like live orders', () => {
    const { governor } = setUp();
    expect(codeOf(governor.check(intent({ kind: 'modify', strategyId: 'mod' as OrderIntent['strategyId'] })))).toBe('ALLOWED');
    expect(governor.state().newPositionsToday).toBe(0);
    expect(codeOf(governor.check(intent({ dryRun: true, quantity: 2, strategyId: 'dry' as OrderIntent['strategyId'] })))).toBe('ALLOWED');
    expect(governor.state().newPositionsToday).toBe(1);
  });
});

describe('RiskGovernor account and portfolio limits', () => {
  it('when the broker preview leaves margin at exactly 80 %, then the order is allowed; just above, then denied MARGIN_UTILISATION', () => {
    const { governor, world } = setUp();
    world.marginPreview = () => ({ maintenanceMarginAfter: dollars(800_000), rejectReason: undefined });
    expect(codeOf(governor.check(intent()))).toBe('ALLOWED');
    world.marginPreview = () => ({ maintenanceMarginAfter: dollars(800_000.01), rejectReason: undefined });
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('MARGIN_UTILISATION');
  });

  it('when there is no preview, then current margin plus the estimate decides; when neither is known, then only reducing orders pass', () => {
    const { governor, world } = setUp();
    world.estimateMargin = () => dollars(700_000);
    expect(codeOf(governor.check(intent()))).toBe('ALLOWED');
    world.estimateMargin = () => dollars(700_000.01);
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('MARGIN_UTILISATION');
    world.estimateMargin = undefined;
    expect(codeOf(governor.check(intent({ quantity: 3 })))).toBe('MARGIN_UTILISATION');
    world.hold(put440, -5);
    expect(codeOf(governor.check(intent({ action: 'BUY', quantity: 4 })))).toBe('ALLOWED');
  });

  it('when an underlying would hold exactly 30 % of net liquidation at risk, then the order is allowed; more, then denied CONCENTRATION', () => {
    const world = new RiskWorld(); // net liquidation $100,000; each short 440 put puts 15 deltas × $500 = $7,500 at risk
    const { governor } = setUp({ world });
    expect(codeOf(governor.check(intent({ quantity: 4 })))).toBe('ALLOWED');
    expect(codeOf(governor.check(intent({ quantity: 5 })))).toBe('CONCENTRATION');
  });

  it('when a sector would exceed its limit across underlyings, then the order is denied CONCENTRATION naming the sector', () => {
    const world = new RiskWorld();
    world.hold(qqqPut, -1); // 20 deltas × $400 = $8,000 at risk in QQQ
    const { governor } = setUp({ world, config: { sectors: createSectorMap({ SPY: 'us-index', QQQ: 'us-index' }) } });
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('ALLOWED'); // 15,000 + 8,000 = 23 %
    expect(governor.check(intent({ quantity: 3 }))).toMatchObject({ allowed: false, denial: { code: 'CONCENTRATION', reason: expect.stringContaining('sector us-index') } }); // 30.5 %
  });

  it('when portfolio delta after the order is at the limit, then it is allowed; beyond, then denied; an order that lowers delta beyond the limit is allowed', () => {
    const { governor, world } = setUp({ limits: { maxPortfolioDelta: 30 } });
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('ALLOWED'); // +30
    expect(codeOf(governor.check(intent({ quantity: 3 })))).toBe('PORTFOLIO_DELTA'); // +45
    world.hold(put440, -4); // +60, beyond
    expect(codeOf(governor.check(intent({ action: 'BUY', quantity: 1 })))).toBe('ALLOWED'); // +45, lower
    expect(codeOf(governor.check(intent({ action: 'SELL', quantity: 4 })))).toBe('PORTFOLIO_DELTA'); // +120, higher
  });

  it('when portfolio vega after the order is at the limit, then it is allowed; beyond, then denied PORTFOLIO_VEGA', () => {
    const { governor } = setUp({ limits: { maxPortfolioVega: 60 } });
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('ALLOWED'); // −60
    expect(codeOf(governor.check(intent({ quantity: 3 })))).toBe('PORTFOLIO_VEGA'); // −90
  });
});

describe('RiskGovernor on malformed input and failing providers', () => {
  it.each([
    ['a NaN quantity', { ...intent(), quantity: Number.NaN }],
    ['a negative quantity', { ...intent(), quantity: -3 }],
    ['a NaN limit', { ...intent(), limitPrice: Number.NaN }],
    ['null', null],
    ['a string', 'BUY 1000 SPY'],
  ])('when the intent is %s, then check denies INVALID_ORDER and does not throw', (_label, value) => {
    const { governor, journaled, published } = setUp();
    expect(codeOf(governor.check(value as OrderIntent))).toBe('INVALID_ORDER');
    expect(journaled.at(-1)).toMatchObject({ kind: 'DENIAL', denialCode: 'INVALID_ORDER' });
    expect(published.at(-1)).toMatchObject({ type: 'risk.denied' });
  });

  it('when a provider throws or returns garbage, then the order is denied, never thrown', () => {
    const world = bigWorld();
    const { governor } = setUp({ world });
    world.positions = [{ contract: put440, quantity: Number.NaN, strategyId: undefined }];
    expect(codeOf(governor.check(intent()))).toBe('STALE_DATA');
    world.positions = [];
    world.marginPreview = () => {
      throw new Error('whatIf timed out');
    };
    world.estimateMargin = undefined;
    expect(codeOf(governor.check(intent()))).toBe('MARGIN_UTILISATION');
    world.accountSummary = { ...world.accountSummary!, netLiquidation: Number.NaN as never };
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('STALE_DATA');
  });
});
