import { describe, expect, it } from 'vitest';
import type { Contract } from '../../shared/domain/contract.ts';
import { contractKey } from '../../shared/domain/contract.ts';
import type { TradeLeg } from '../execution/position-orders.ts';
import { exitPricing, optionLimitOnGrid, rollPricing } from './exit-order-style.ts';
import { option } from './testing/fill-fixtures.ts';
import { createWorkflowConfig } from './workflow-config.ts';

const config = createWorkflowConfig().exit;
const quotes = (table: Record<string, [number, number]>) => ({
  quote: (contract: Contract) => {
    const entry = table[contractKey(contract)];
    return entry === undefined ? undefined : { bid: entry[0], ask: entry[1] };
  },
});

const put640 = option(640, 'put');
const put650 = option(650, 'put');
const book = quotes({ [contractKey(put640)]: [0.4, 0.44], [contractKey(put650)]: [0.8, 0.86], [contractKey(option(600, 'put'))]: [3.4, 3.6] });
// Closing a short put spread: sell the long 640, buy back the short 650.
const closeSpread: TradeLeg[] = [{ contract: put640, action: 'SELL', quantity: 1 }, { contract: put650, action: 'BUY', quantity: 1 }];

describe('optionLimitOnGrid', () => {
  it.each([
    [3.47, 'up', 3.5],
    [3.47, 'down', 3.45],
    [2.995, 'up', 3],
    [3.02, 'down', 3],
    [1.234, 'down', 1.23],
    [0.001, 'down', 0.01],
    [5.25, 'up', 5.25],
  ] as const)('when %s is rounded %s, then it is %s', (price, direction, expected) => {
    expect(optionLimitOnGrid(price, direction)).toBe(expected);
  });
});

describe('exitPricing', () => {
  it('when the urgency is LIMIT_AT_MID, then a combo gets a limit at its mid', () => {
    // Net as bought: buy 650 (mid 0.83), sell 640 (mid 0.42): 0.41 debit.
    expect(exitPricing(closeSpread, 'LIMIT_AT_MID', config, book)).toEqual({ limitPrice: 0.41 });
  });

  it('when the urgency is WALKING_LIMIT, then a combo walks with the configured walk', () => {
    expect(exitPricing(closeSpread, 'WALKING_LIMIT', config, book)).toEqual({ walk: config.walk });
  });

  it('when the urgency is MARKETABLE, then a market order is sent, or a limit at the natural price when configured', () => {
    expect(exitPricing(closeSpread, 'MARKETABLE', config, book)).toEqual({});
    expect(exitPricing(closeSpread, 'MARKETABLE', { ...config, marketable: 'natural-limit' }, book)).toEqual({ limitPrice: 0.46 });
  });

  it('when a single option is closed, then its limits sit on the tick grid: the mid in our favour, else the natural toward the fill', () => {
    const single: TradeLeg[] = [{ contract: option(600, 'put'), action: 'BUY', quantity: 2 }];
    expect(exitPricing(single, 'LIMIT_AT_MID', config, book)).toEqual({ limitPrice: 3.5 });
    expect(exitPricing(single, 'WALKING_LIMIT', config, book)).toEqual({ limitPrice: 3.6 });
  });

  it('when a leg has no quote, then the exit cannot be priced and says why', () => {
    expect(exitPricing([{ contract: option(999, 'call'), action: 'BUY', quantity: 1 }, ...closeSpread], 'LIMIT_AT_MID', config, book)).toMatch(/no two-sided quote/);
  });
});

describe('rollPricing', () => {
  it('when a roll is priced, then it always requires a credit', () => {
    expect(rollPricing(closeSpread, 'LIMIT_AT_MID', config, book)).toEqual({ requireCredit: true });
    expect(rollPricing(closeSpread, 'WALKING_LIMIT', config, book)).toEqual({ requireCredit: true, walk: config.walk });
    expect(rollPricing(closeSpread, 'MARKETABLE', config, book)).toEqual({ requireCredit: true, limitPrice: 0.46 });
  });
});
