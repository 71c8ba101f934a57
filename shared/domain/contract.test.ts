import { describe, expect, it } from 'vitest';
import {
  contractKey,
  contractMultiplier,
  contractUnderlyingSymbol,
  createOptionContract,
  createUnderlying,
  isOptionContract,
  restoreContract,
  restoreOptionContract,
  type OptionContractInput,
} from './contract.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });
/** 2026-03-10 11:00 in New York. */
const now = Date.UTC(2026, 2, 10, 15);
const spyCall: OptionContractInput = { underlyingSymbol: 'SPY', expiry: '2026-12-18', strike: 450, right: 'call' };

describe('createUnderlying', () => {
  it('when the input is valid, then currency defaults to USD and the object is frozen', () => {
    const spy = createUnderlying({ kind: 'etf', symbol: 'SPY', brokerContractId: 756733 });
    expect(spy).toEqual({ kind: 'etf', symbol: 'SPY', currency: 'USD', brokerContractId: 756733 });
    expect(Object.isFrozen(spy)).toBe(true);
    expect(createUnderlying({ kind: 'stock', symbol: 'BRK B' }).symbol).toBe('BRK B');
  });

  it.each(['spy', '', ' SPY', 'SPY ', '1SPY', 'TOOLONGSYMBOLNAME1'])('when the symbol is %j, then construction fails naming symbol', (symbol) => {
    expect(() => createUnderlying({ kind: 'stock', symbol })).toThrow(
      fieldError('symbol', `symbol must be a non-empty upper-case symbol (A-Z, 0-9, '.', '/', '-', inner spaces; at most 16), got ${JSON.stringify(symbol)}`),
    );
  });

  it('when the kind, currency or contract id is wrong, then construction fails naming it', () => {
    expect(() => createUnderlying({ kind: 'bond' as 'stock', symbol: 'SPY' })).toThrow(fieldError('kind', 'kind must be one of stock, etf, index, got "bond"'));
    expect(() => createUnderlying({ kind: 'stock', symbol: 'SPY', currency: 'EUR' as 'USD' })).toThrow(fieldError('currency', 'currency must be one of USD, got "EUR"'));
    expect(() => createUnderlying({ kind: 'stock', symbol: 'SPY', brokerContractId: 0 })).toThrow(fieldError('brokerContractId', 'brokerContractId must be a positive integer, got 0'));
  });
});

describe('createOptionContract', () => {
  it('when the input is valid, then multiplier defaults to 100 and the object is frozen', () => {
    const option = createOptionContract(spyCall, now);
    expect(option).toEqual({
      kind: 'option', underlyingSymbol: 'SPY', expiry: '2026-12-18', strike: 450, right: 'call', multiplier: 100,
      currency: 'USD', brokerContractId: undefined, tradingClass: undefined,
    });
    expect(Object.isFrozen(option)).toBe(true);
  });

  it('when the expiry is today in New York, then it is allowed', () => {
    expect(createOptionContract({ ...spyCall, expiry: '2026-03-10' }, now).expiry).toBe('2026-03-10');
  });

  it('when the expiry was yesterday in New York, then construction fails naming expiry', () => {
    expect(() => createOptionContract({ ...spyCall, expiry: '2026-03-09' }, now)).toThrow(
      fieldError('expiry', 'expiry must not be in the past (today in New York is 2026-03-10), got "2026-03-09"'),
    );
  });

  it('when it is already tomorrow in UTC but still today in New York, then today\'s expiry is allowed', () => {
    const lateEvening = Date.UTC(2026, 2, 11, 3, 30); // 2026-03-10 23:30 EDT
    expect(createOptionContract({ ...spyCall, expiry: '2026-03-10' }, lateEvening).expiry).toBe('2026-03-10');
  });

  it('when a stored contract has expired, then restoreOptionContract still accepts it', () => {
    expect(restoreOptionContract({ ...spyCall, expiry: '2020-01-17' }).expiry).toBe('2020-01-17');
  });

  it.each([
    ['strike', { strike: 0 }, 'strike must be a finite number greater than 0, got 0'],
    ['strike', { strike: -5 }, 'strike must be a finite number greater than 0, got -5'],
    ['strike', { strike: Number.NaN }, 'strike must be a finite number greater than 0, got NaN'],
    ['strike', { strike: 450.00001 }, 'strike must have at most 4 decimals, got 450.00001'],
    ['expiry', { expiry: '2026-02-30' }, 'expiry must be a real calendar date, got "2026-02-30"'],
    ['right', { right: 'C' }, 'right must be one of call, put, got "C"'],
    ['multiplier', { multiplier: 0 }, 'multiplier must be a positive integer, got 0'],
    ['multiplier', { multiplier: 2.5 }, 'multiplier must be a positive integer, got 2.5'],
    ['underlyingSymbol', { underlyingSymbol: 'spy' }, `underlyingSymbol must be a non-empty upper-case symbol (A-Z, 0-9, '.', '/', '-', inner spaces; at most 16), got "spy"`],
    ['tradingClass', { tradingClass: '' }, `tradingClass must be a non-empty upper-case symbol (A-Z, 0-9, '.', '/', '-', inner spaces; at most 16), got ""`],
    ['brokerContractId', { brokerContractId: -1 }, 'brokerContractId must be a positive integer, got -1'],
    ['kind', { kind: 'combo' }, `kind must be 'option', got "combo"`],
  ])('when %s is invalid (%j), then construction fails naming it', (field, override, message) => {
    expect(() => createOptionContract({ ...spyCall, ...(override as Partial<OptionContractInput>) }, now)).toThrow(fieldError(field, message));
  });

  it('when a field prefix is given, then the error names the nested field', () => {
    expect(() => createOptionContract({ ...spyCall, strike: 0 }, now, 'legs[1].contract')).toThrow(
      fieldError('legs[1].contract.strike', 'legs[1].contract.strike must be a finite number greater than 0, got 0'),
    );
  });

  it('when the strike carries float noise, then it is canonicalised to 4 decimals', () => {
    expect(createOptionContract({ ...spyCall, strike: 0.1 + 0.2 }, now).strike).toBe(0.3);
  });
});

describe('contractKey and helpers', () => {
  it('when keying contracts, then the format is stable and includes non-standard details only', () => {
    expect(contractKey(createOptionContract(spyCall, now))).toBe('SPY 2026-12-18 450 C');
    expect(contractKey(createOptionContract({ ...spyCall, strike: 452.5, right: 'put' }, now))).toBe('SPY 2026-12-18 452.5 P');
    expect(contractKey(createOptionContract({ ...spyCall, multiplier: 10 }, now))).toBe('SPY 2026-12-18 450 C x10');
    expect(contractKey(createOptionContract({ ...spyCall, underlyingSymbol: 'SPX', strike: 4500, tradingClass: 'SPXW' }, now))).toBe('SPX 2026-12-18 4500 C SPXW');
    expect(contractKey(createOptionContract({ ...spyCall, tradingClass: 'SPY' }, now))).toBe('SPY 2026-12-18 450 C');
    expect(contractKey(createUnderlying({ kind: 'etf', symbol: 'SPY' }))).toBe('SPY');
  });

  it('when asking for multiplier and underlying, then shares count 1 and options their multiplier', () => {
    const option = createOptionContract(spyCall, now);
    const shares = createUnderlying({ kind: 'stock', symbol: 'AAPL' });
    expect([contractMultiplier(option), contractMultiplier(shares)]).toEqual([100, 1]);
    expect([contractUnderlyingSymbol(option), contractUnderlyingSymbol(shares)]).toEqual(['SPY', 'AAPL']);
    expect([isOptionContract(option), isOptionContract(shares)]).toEqual([true, false]);
  });

  it('when restoring a contract of either kind, then it is re-validated', () => {
    expect(restoreContract(createOptionContract(spyCall, now))).toEqual(createOptionContract(spyCall, now));
    expect(() => restoreContract({ kind: 'stock', symbol: 'x', currency: 'USD', brokerContractId: undefined }, 'contract')).toThrow(
      expect.objectContaining({ field: 'contract.symbol' }),
    );
  });
});
