import { describe, expect, it } from 'vitest';
import {
  clientOrderRefSequence,
  formatClientOrderRef,
  parseAlertId,
  parseClientOrderRef,
  parseDecisionId,
  parseExecutionId,
  parseOrderId,
  parseStrategyId,
} from './ids.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });
const idRequirement = 'must be 1 to 128 characters of letters, digits, ".", "_", ":" or "-"';

describe('ids', () => {
  it('when the text is a valid id, then every parser accepts it unchanged', () => {
    expect(parseOrderId('ord-1')).toBe('ord-1');
    expect(parseStrategyId('stg_2')).toBe('stg_2');
    expect(parseExecutionId('0000e0d5.67fe667b.01.01')).toBe('0000e0d5.67fe667b.01.01');
    expect(parseAlertId('alert:3')).toBe('alert:3');
    expect(parseDecisionId('d-4')).toBe('d-4');
  });

  it.each(['', 'has space', 'a/b', 'x'.repeat(129)])('when the id is %j, then parsing fails naming the field', (text) => {
    expect(() => parseOrderId(text, 'parentId')).toThrow(fieldError('parentId', `parentId ${idRequirement}, got ${JSON.stringify(text)}`));
  });

  it('when the id is not a string, then parsing fails with the default field name', () => {
    expect(() => parseStrategyId(12)).toThrow(fieldError('strategyId', `strategyId ${idRequirement}, got 12`));
  });
});

describe('client order references', () => {
  it('when formatting a sequence number, then it is zero-padded to six digits and grows beyond', () => {
    expect(formatClientOrderRef(123)).toBe('OWS-000123');
    expect(formatClientOrderRef(1_234_567)).toBe('OWS-1234567');
  });

  it('when parsing a formatted reference, then the sequence number round-trips', () => {
    expect(clientOrderRefSequence(parseClientOrderRef('OWS-000123'))).toBe(123);
    expect(clientOrderRefSequence(formatClientOrderRef(98_765_432))).toBe(98_765_432);
  });

  it.each(['OWS-123', 'OWS-000000', 'OWS-0001234567', 'ows-000123', 'ABC-000123', 'OWS-00012a'])(
    'when the reference is %j, then parsing fails naming clientOrderRef',
    (text) => {
      expect(() => parseClientOrderRef(text)).toThrow(
        fieldError('clientOrderRef', `clientOrderRef must be a client order reference like 'OWS-000123', got ${JSON.stringify(text)}`),
      );
    },
  );

  it('when the sequence number is not a positive integer, then formatting fails naming sequence', () => {
    expect(() => formatClientOrderRef(0)).toThrow(fieldError('sequence', 'sequence must be a positive integer, got 0'));
    expect(() => formatClientOrderRef(1.5)).toThrow(fieldError('sequence', 'sequence must be a positive integer, got 1.5'));
  });
});
