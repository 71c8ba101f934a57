// The broker connection as the rest of the app sees it.
import { invalid } from './errors.ts';
import { optional, requireEpochMillis, requireNonEmptyString, requireNonNegativeInteger, requireOneOf } from './validate.ts';

/**
 * disconnected: not connected and not trying · connecting: first attempt in progress ·
 * connected: up (and, for IB, nextValidId received) · reconnecting: lost, retrying with backoff ·
 * failed: gave up (e.g. client id in use, too many attempts) until the operator acts.
 */
export const CONNECTION_STATES = ['disconnected', 'connecting', 'connected', 'reconnecting', 'failed'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export const BROKER_KINDS = ['simulated', 'ib'] as const;
export type BrokerKind = (typeof BROKER_KINDS)[number];

export interface ConnectionStatus {
  readonly broker: BrokerKind;
  readonly state: ConnectionState;
  /** When `state` was entered (epoch ms). */
  readonly since: number;
  /** Reconnect attempts since the last successful connection (0 when connected). */
  readonly attempt: number;
  readonly lastError: string | undefined;
  /** Last proof of life from the broker (any message or heartbeat answer). */
  readonly lastHeartbeatAt: number | undefined;
}

export interface ConnectionStatusInput {
  readonly broker: BrokerKind;
  readonly state: ConnectionState;
  readonly since: number;
  readonly attempt?: number;
  readonly lastError?: string | undefined;
  readonly lastHeartbeatAt?: number | undefined;
}

export function createConnectionStatus(input: ConnectionStatusInput): ConnectionStatus {
  const state = requireOneOf(input.state, CONNECTION_STATES, 'state');
  const attempt = requireNonNegativeInteger(input.attempt ?? 0, 'attempt');
  if (state === 'connected' && attempt !== 0) invalid('attempt', 'must be 0 when connected', attempt);
  return Object.freeze({
    broker: requireOneOf(input.broker, BROKER_KINDS, 'broker'),
    state,
    since: requireEpochMillis(input.since, 'since'),
    attempt,
    lastError: optional(input.lastError, 'lastError', requireNonEmptyString),
    lastHeartbeatAt: optional(input.lastHeartbeatAt, 'lastHeartbeatAt', requireEpochMillis),
  });
}

/** Orders may be sent only while connected. */
export function isConnected(status: Pick<ConnectionStatus, 'state'>): boolean {
  return status.state === 'connected';
}
