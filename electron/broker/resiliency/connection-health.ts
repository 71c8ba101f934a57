// The connection's health as the UI and the risk governor see it, and the one rule that
// derives it from the facts the watchdog keeps:
// - down: the broker does not report connected, or no proof of life (any broker event or a
//   successful heartbeat) came within the heartbeat timeout (a half-open socket that still
//   reads "connected", F10);
// - degraded: connected and alive, but the last heartbeat(s) failed or went unanswered;
// - healthy: connected, alive, and the last heartbeat answered.
import type { ConnectionState } from '../../../shared/domain/connection.ts';

export const HEALTH_STATES = ['healthy', 'degraded', 'down'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export interface ConnectionHealth {
  readonly state: HealthState;
  /** When `state` was entered (epoch ms). */
  readonly since: number;
  /** Why the state is what it is, in words for the UI. */
  readonly reason: string;
  /** Last successful heartbeat. */
  readonly lastHeartbeatAt: number | undefined;
  /** Last proof of life: any broker event or a successful heartbeat. */
  readonly lastProofOfLifeAt: number | undefined;
  /** Heartbeats in a row that failed or went unanswered. */
  readonly consecutiveFailures: number;
  /** Reconnect attempts since the link went down (0 when not down). */
  readonly reconnectAttempts: number;
}

export interface HealthFacts {
  readonly connectionState: ConnectionState;
  /** Set when no proof of life came within the heartbeat timeout; cleared by the next one. */
  readonly silentForMs: number | undefined;
  readonly consecutiveFailures: number;
  readonly lastFailure: string | undefined;
}

export function assessHealth(facts: HealthFacts): { readonly state: HealthState; readonly reason: string } {
  if (facts.connectionState !== 'connected') return { state: 'down', reason: `the broker is ${facts.connectionState}` };
  if (facts.silentForMs !== undefined) return { state: 'down', reason: `no proof of life for ${facts.silentForMs} ms (heartbeat timeout): the connection may be half-open` };
  if (facts.consecutiveFailures > 0) {
    return { state: 'degraded', reason: `${facts.consecutiveFailures} heartbeat(s) in a row failed or went unanswered${facts.lastFailure === undefined ? '' : `: ${facts.lastFailure}`}` };
  }
  return { state: 'healthy', reason: 'connected and answering heartbeats' };
}
