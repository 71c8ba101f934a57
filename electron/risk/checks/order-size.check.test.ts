import { describe, expect, it } from 'vitest';
import { checkOrderSize } from './order-size.check.ts';

describe('checkOrderSize', () => {
  it('when the quantity equals the limit, then it is allowed; one more, then denied MAX_CONTRACTS_PER_ORDER', () => {
    expect(checkOrderSize(19, 20)).toBeUndefined();
    expect(checkOrderSize(20, 20)).toBeUndefined();
    expect(checkOrderSize(21, 20)).toMatchObject({ code: 'MAX_CONTRACTS_PER_ORDER', reason: 'quantity 21 exceeds the limit of 20 per order' });
  });
});
