import { describe, expect, it } from 'vitest';
import { acknowledgeAlert, createAlert, type AlertInput } from './alert.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });
const base: AlertInput = { id: 'alert-1', severity: 'critical', source: 'risk', message: 'Daily loss limit reached', createdAt: 1_000 };

describe('alert', () => {
  it('when the input is valid, then a frozen alert is returned', () => {
    const alert = createAlert({ ...base, dedupKey: 'daily-loss' });
    expect(alert).toEqual({ ...base, acknowledgedAt: undefined, dedupKey: 'daily-loss' });
    expect(Object.isFrozen(alert)).toBe(true);
  });

  it.each([
    ['severity', { severity: 'fatal' }, 'severity must be one of info, warning, critical, got "fatal"'],
    ['source', { source: '' }, 'source must be a non-empty string, got ""'],
    ['message', { message: '   ' }, 'message must be a non-empty string, got "   "'],
    ['createdAt', { createdAt: -5 }, 'createdAt must be epoch milliseconds (a non-negative integer), got -5'],
    ['acknowledgedAt', { acknowledgedAt: 999 }, 'acknowledgedAt must not be before createdAt (1000), got 999'],
    ['dedupKey', { dedupKey: '' }, 'dedupKey must be a non-empty string, got ""'],
    ['id', { id: '' }, 'id must be 1 to 128 characters of letters, digits, ".", "_", ":" or "-", got ""'],
  ])('when %s is invalid (%j), then construction fails naming it', (field, override, message) => {
    expect(() => createAlert({ ...base, ...(override as Partial<AlertInput>) })).toThrow(fieldError(field, message));
  });

  it('when acknowledging, then the first acknowledgement time is kept', () => {
    const acknowledged = acknowledgeAlert(createAlert(base), 2_000);
    expect(acknowledged.acknowledgedAt).toBe(2_000);
    expect(acknowledgeAlert(acknowledged, 3_000).acknowledgedAt).toBe(2_000);
    expect(() => acknowledgeAlert(createAlert(base), 500)).toThrow(fieldError('acknowledgedAt', 'acknowledgedAt must not be before createdAt (1000), got 500'));
  });
});
