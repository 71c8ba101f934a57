import { describe, expect, it } from 'vitest';
import * as domain from './index.ts';

describe('index', () => {
  it('when importing the domain index, then the constructors, the table and the money namespace are exported', () => {
    for (const name of [
      'createUnderlying', 'createOptionContract', 'createCombo', 'createOrder', 'restoreOrder', 'createFill', 'applyFill', 'nextStatus',
      'isFinalStatus', 'isWorkingStatus', 'contractKey', 'summarizeComboFills', 'createStrategy', 'createDecision', 'createAlert',
      'createRiskLimits', 'createConnectionStatus', 'createAccountSummary', 'positionGreeks', 'formatClientOrderRef', 'newYorkDate',
    ] as const) {
      expect(typeof domain[name]).toBe('function');
    }
    expect(domain.money.format(domain.money.fromDollars(-1234.56))).toBe('-$1,234.56');
    expect(domain.ZERO_MONEY).toBe(0);
    expect(new domain.DomainValidationError('x', 'x bad')).toBeInstanceOf(Error);
  });
});
