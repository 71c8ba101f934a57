import { describe, expect, it } from 'vitest';
import { BrokerRequestError } from '../broker-request-error.ts';
import { AppError } from '../../core/errors.ts';
import { CircuitOpenError } from './circuit-open-error.ts';
import { classifyBrokerFailure, type FailureVerdict } from './failure-verdict.ts';

describe('classifyBrokerFailure', () => {
  const cases: Array<[string, () => unknown, FailureVerdict]> = [
    ['a network failure', () => new BrokerRequestError('network', 'reset', 'unknown'), 'outage'],
    ['a timeout', () => new AppError('timeout', 'no answer in 10 s'), 'outage'],
    ['an unavailable broker', () => new AppError('broker-unavailable', 'gateway restarting'), 'outage'],
    ['a pacing violation', () => new AppError('rate-limited', 'max rate of messages exceeded'), 'outage'],
    ['a Node socket error', () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'outage'],
    ['a terminal rejection', () => new BrokerRequestError('order-rejected', 'price outside collar', 'not-sent'), 'broker-answered'],
    ['insufficient margin', () => new AppError('insufficient-margin', 'no'), 'broker-answered'],
    ['an unknown order', () => new BrokerRequestError('not-found', 'no such ref', 'not-sent'), 'broker-answered'],
    ['a local disconnect', () => new BrokerRequestError('not-connected', 'not connected', 'not-sent'), 'neutral'],
    ['the breaker refusing', () => new CircuitOpenError('open', 0), 'neutral'],
    ['a broken invariant', () => new AppError('invariant', 'bad state'), 'neutral'],
    ['an error of unknown origin', () => new Error('boom'), 'neutral'],
  ];
  it.each(cases)('when the call failed with %s, then the verdict is %s', (_label, error, verdict) => {
    expect(classifyBrokerFailure(error())).toBe(verdict);
  });
});
