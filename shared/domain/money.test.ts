import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import * as money from './money.ts';
import { MoneyOverflowError, type Money } from './money.ts';
import { seededUniform } from '../../electron/core/seeded-random.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });
const micros = (value: number) => money.fromMicros(value);


describe('fromDollars', () => {
  it('when given prices written with cents, then they become exact micro-dollars', () => {
    expect(money.fromDollars(1.15)).toBe(1_150_000);
    expect(money.fromDollars(0.1)).toBe(100_000);
    expect(money.fromDollars(2.35)).toBe(2_350_000);
    expect(money.fromDollars(-0.65)).toBe(-650_000);
    expect(money.fromDollars(0)).toBe(0);
  });

  it('when a value lies exactly half-way between two micro-dollars, then it rounds to the even one', () => {
    expect(money.fromDollars(0.0000005)).toBe(0);
    expect(money.fromDollars(0.0000015)).toBe(2);
    expect(money.fromDollars(0.0000025)).toBe(2);
    expect(money.fromDollars(2.0000025)).toBe(2_000_002);
    expect(money.fromDollars(2.0000035)).toBe(2_000_004);
    expect(money.fromDollars(-2.0000025)).toBe(-2_000_002);
    expect(money.fromDollars(1_000_000_000.0000005)).toBe(1_000_000_000_000_000);
  });

  it('when a tiny negative amount rounds to zero, then the result is 0, not -0', () => {
    expect(Object.is(money.fromDollars(-0.0000004), 0)).toBe(true);
  });

  it('when many random amounts are converted, then each equals the decimal half-even rounding', () => {
    const random = seededUniform(42);
    for (let index = 0; index < 20_000; index += 1) {
      const magnitude = 10 ** Math.floor(random() * 10);
      const dollars = (random() - 0.5) * magnitude;
      const expected = new Decimal(String(dollars)).times(1_000_000).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber();
      expect(money.fromDollars(dollars)).toBe(expected === 0 ? 0 : expected);
    }
  });

  it('when the value is not finite, then construction fails naming the field', () => {
    expect(() => money.fromDollars(Number.NaN, 'price')).toThrow(fieldError('price', 'price must be a finite number of dollars, got NaN'));
    expect(() => money.fromDollars(Number.POSITIVE_INFINITY)).toThrow(fieldError('amount', 'amount must be a finite number of dollars, got Infinity'));
  });

  it('when the value is outside the safe money range, then construction fails', () => {
    expect(() => money.fromDollars(1e10)).toThrow(fieldError('amount', 'amount must be within the money range of ±$9,007,199,254.740991, got 10000000000'));
    expect(money.fromDollars(9_007_199_254.74)).toBe(9_007_199_254_740_000);
  });
});

describe('fromMicros, parseMoney and toDollars', () => {
  it('when given whole micro-dollars, then they are kept and convert back to dollars', () => {
    expect(money.toDollars(micros(1_234_560_000))).toBe(1234.56);
    expect(money.toMicros(micros(-5))).toBe(-5);
  });

  it('when the micros are not a safe integer, then construction fails naming the field', () => {
    expect(() => money.fromMicros(1.5)).toThrow(fieldError('micros', 'micros must be a safe integer, got 1.5'));
    expect(() => money.parseMoney(2 ** 53, 'cash')).toThrow(fieldError('cash', 'cash must be a safe integer, got 9007199254740992'));
    expect(() => money.parseMoney('12', 'cash')).toThrow(fieldError('cash', 'cash must be a safe integer, got "12"'));
  });

  it('when a non-negative amount is required and the amount is negative, then parsing fails', () => {
    expect(money.parseNonNegativeMoney(0, 'commission')).toBe(0);
    expect(() => money.parseNonNegativeMoney(-1, 'commission')).toThrow(fieldError('commission', 'commission must be at least 0, got -1'));
  });
});

describe('arithmetic', () => {
  it('when adding, subtracting, negating and taking absolute values, then results are exact', () => {
    expect(money.add(micros(1), micros(2))).toBe(3);
    expect(money.subtract(micros(1), micros(2))).toBe(-1);
    expect(money.negate(micros(5))).toBe(-5);
    expect(Object.is(money.negate(money.ZERO_MONEY), 0)).toBe(true);
    expect(money.abs(micros(-7))).toBe(7);
    expect(money.multiplyByInteger(micros(650_000), 3)).toBe(1_950_000);
  });

  it('when a result leaves the safe-integer range, then a MoneyOverflowError is thrown', () => {
    const max = micros(Number.MAX_SAFE_INTEGER);
    expect(() => money.add(max, micros(1))).toThrow(MoneyOverflowError);
    expect(() => money.subtract(micros(Number.MIN_SAFE_INTEGER), micros(1))).toThrow(MoneyOverflowError);
    expect(() => money.multiplyByInteger(max, 2)).toThrow(/money overflow in multiplyByInteger/);
    expect(() => money.sum([max, micros(1)])).toThrow(MoneyOverflowError);
  });

  it('when multiplying by a non-integer, then it fails naming the factor', () => {
    expect(() => money.multiplyByInteger(micros(1), 0.5)).toThrow(fieldError('factor', 'factor must be a safe integer, got 0.5'));
  });

  it('when dividing, then the quotient is rounded half to even at the micro-dollar', () => {
    expect(money.divideByInteger(micros(7), 2)).toBe(4);
    expect(money.divideByInteger(micros(5), 2)).toBe(2);
    expect(money.divideByInteger(micros(-7), 2)).toBe(-4);
    expect(money.divideByInteger(micros(-5), 2)).toBe(-2);
    expect(money.divideByInteger(micros(7), -2)).toBe(-4);
    expect(money.divideByInteger(micros(10), 3)).toBe(3);
    expect(money.divideByInteger(micros(11), 3)).toBe(4);
    expect(money.divideByInteger(micros(Number.MAX_SAFE_INTEGER), 1)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('when dividing by zero, then it fails naming the divisor', () => {
    expect(() => money.divideByInteger(micros(1), 0)).toThrow(fieldError('divisor', 'divisor must not be 0, got 0'));
  });

  it('when summing, comparing and testing for zero, then the answers are exact', () => {
    expect(money.sum([])).toBe(0);
    expect(money.sum([micros(1), micros(-3), micros(10)])).toBe(8);
    expect(money.compare(micros(1), micros(2))).toBe(-1);
    expect(money.compare(micros(2), micros(2))).toBe(0);
    expect(money.compare(micros(3), micros(2))).toBe(1);
    expect(money.isZero(money.ZERO_MONEY)).toBe(true);
    expect(money.isZero(micros(1))).toBe(false);
  });

  it('when valuing a quantity at a price with a multiplier, then the value is exact', () => {
    expect(money.priceValue(1.15, 3, 100)).toBe(345_000_000);
    expect(() => money.priceValue(Number.NaN, 1, 100)).toThrow(fieldError('price', 'price must be a finite number of dollars, got NaN'));
  });
});

describe('format', () => {
  it('when formatting, then the text has a sign, a dollar sign, separators and cents', () => {
    expect(money.format(money.fromDollars(-1234.56))).toBe('-$1,234.56');
    expect(money.format(money.fromDollars(1234567.891))).toBe('$1,234,567.89');
    expect(money.format(money.ZERO_MONEY)).toBe('$0.00');
    expect(money.format(money.fromDollars(0.5), 0)).toBe('$0');
    expect(money.format(money.fromDollars(1.5), 0)).toBe('$2');
    expect(money.format(money.fromDollars(-0.000001), 6)).toBe('-$0.000001');
  });

  it('when rounding to cents hits a tie, then it rounds half to even and never shows -$0.00', () => {
    expect(money.format(money.fromDollars(1234.565))).toBe('$1,234.56');
    expect(money.format(money.fromDollars(1234.575))).toBe('$1,234.58');
    expect(money.format(money.fromDollars(-0.004))).toBe('$0.00');
  });

  it('when the number of decimals is out of range, then it fails naming decimals', () => {
    expect(() => money.format(money.ZERO_MONEY, 7)).toThrow(fieldError('decimals', 'decimals must be an integer from 0 to 6, got 7'));
  });
});

describe('no drift', () => {
  const prices = [0.05, 0.1, 1.15, 2.35];
  const priceCents = [5n, 10n, 115n, 235n];
  const fillCount = 100_000;

  it('when the cash flows of 100,000 fills and $0.65 commissions are summed in Money, then the total is exact while float dollars drift', () => {
    const commissionPerContract = money.fromDollars(0.65);
    let cash: Money = money.ZERO_MONEY;
    let naiveDollars = 0;
    let expectedMicros = 0n;
    for (let index = 0; index < fillCount; index += 1) {
      const price = prices[index % 4] ?? 0;
      const quantity = (index % 5) + 1;
      const isBuy = index % 2 === 0;
      const value = money.priceValue(price, quantity, 100);
      cash = money.add(cash, isBuy ? money.negate(value) : value);
      cash = money.subtract(cash, money.multiplyByInteger(commissionPerContract, quantity));
      naiveDollars += (isBuy ? -1 : 1) * price * quantity * 100 - 0.65 * quantity;
      const valueMicros = (priceCents[index % 4] ?? 0n) * 10_000n * BigInt(quantity) * 100n;
      expectedMicros += (isBuy ? -valueMicros : valueMicros) - 650_000n * BigInt(quantity);
    }
    expect(BigInt(money.toMicros(cash))).toBe(expectedMicros);
    const exactDollars = new Decimal(expectedMicros.toString()).dividedBy(1_000_000);
    expect(new Decimal(naiveDollars).equals(exactDollars)).toBe(false);
  });

  it('when $0.65 is added 100,000 times, then Money gives exactly $65,000.00 and float dollars do not', () => {
    const commission = money.fromDollars(0.65);
    let total: Money = money.ZERO_MONEY;
    let naiveDollars = 0;
    for (let index = 0; index < fillCount; index += 1) {
      total = money.add(total, commission);
      naiveDollars += 0.65;
    }
    expect(money.toMicros(total)).toBe(65_000_000_000);
    expect(money.format(total)).toBe('$65,000.00');
    expect(naiveDollars).not.toBe(65_000);
  });
});
