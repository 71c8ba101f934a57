import { describe, expect, it } from 'vitest';
import { restoreOptionContract } from '../../shared/domain/contract.ts';
import { formatNumber, strategyLabel } from './strategy-label.ts';

describe('strategyLabel', () => {
  it('when a condor is named, then the label shows underlying, type, expiry, strikes and units', () => {
    const leg = (strike: number, right: 'put' | 'call') => ({ contract: restoreOptionContract({ underlyingSymbol: 'SPY', expiry: '2027-01-08', strike, right }) });
    const label = strategyLabel({ underlyingSymbol: 'SPY', type: 'IRON_CONDOR', quantity: 2, legs: [leg(642, 'put'), leg(647, 'put'), leg(707, 'call'), leg(712, 'call')] });
    expect(label).toBe('SPY IRON_CONDOR 2027-01-08 642P/647P/707C/712C ×2');
  });

  it('when a number is formatted, then trailing zeros are dropped', () => {
    expect(formatNumber(12.5)).toBe('12.5');
    expect(formatNumber(3.14159, 1)).toBe('3.1');
    expect(formatNumber(400)).toBe('400');
  });
});
