import { describe, expect, it } from 'vitest';
import { createConnectionStatus, isConnected } from './connection.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });

describe('connection status', () => {
  it('when the input is valid, then attempt defaults to 0 and the status is frozen', () => {
    const status = createConnectionStatus({ broker: 'ib', state: 'connected', since: 10, lastHeartbeatAt: 20 });
    expect(status).toEqual({ broker: 'ib', state: 'connected', since: 10, attempt: 0, lastError: undefined, lastHeartbeatAt: 20 });
    expect(Object.isFrozen(status)).toBe(true);
    expect(isConnected(status)).toBe(true);
    expect(isConnected(createConnectionStatus({ broker: 'ib', state: 'reconnecting', since: 10, attempt: 3, lastError: 'socket closed' }))).toBe(false);
  });

  it.each([
    ['state', { state: 'online' }, 'state must be one of disconnected, connecting, connected, reconnecting, failed, got "online"'],
    ['broker', { broker: 'tws' }, 'broker must be one of simulated, ib, got "tws"'],
    ['attempt', { state: 'connected', attempt: 2 }, 'attempt must be 0 when connected, got 2'],
    ['attempt', { attempt: -1 }, 'attempt must be a non-negative integer, got -1'],
    ['since', { since: Number.NaN }, 'since must be epoch milliseconds (a non-negative integer), got NaN'],
    ['lastError', { lastError: '' }, 'lastError must be a non-empty string, got ""'],
  ])('when %s is invalid (%j), then construction fails naming it', (field, override, message) => {
    expect(() => createConnectionStatus({ broker: 'simulated', state: 'reconnecting', since: 1, ...(override as object) })).toThrow(fieldError(field, message));
  });
});
