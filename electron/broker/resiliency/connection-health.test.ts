import { describe, expect, it } from 'vitest';
import { assessHealth, type HealthFacts } from './connection-health.ts';

const alive: HealthFacts = { connectionState: 'connected', silentForMs: undefined, consecutiveFailures: 0, lastFailure: undefined };

describe('assessHealth', () => {
  it('when connected, alive and answering, then healthy', () => {
    expect(assessHealth(alive).state).toBe('healthy');
  });

  it('when heartbeats failed but the link is within its timeout, then degraded with the last failure', () => {
    expect(assessHealth({ ...alive, consecutiveFailures: 2, lastFailure: 'timeout' })).toEqual({ state: 'degraded', reason: '2 heartbeat(s) in a row failed or went unanswered: timeout' });
  });

  it('when the broker is not connected, then down naming its state, whatever else holds', () => {
    for (const connectionState of ['disconnected', 'connecting', 'reconnecting', 'failed'] as const) {
      expect(assessHealth({ ...alive, connectionState })).toEqual({ state: 'down', reason: `the broker is ${connectionState}` });
    }
  });

  it('when connected but silent beyond the heartbeat timeout, then down as possibly half-open', () => {
    expect(assessHealth({ ...alive, silentForMs: 20_000, consecutiveFailures: 1 })).toEqual({
      state: 'down', reason: 'no proof of life for 20000 ms (heartbeat timeout): the connection may be half-open',
    });
  });
});
