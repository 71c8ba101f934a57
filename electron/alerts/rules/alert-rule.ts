// What every alert rule shares: the manager port the rules use, and the guarded raise the
// wiring hands them (a rule that throws is logged, never thrown into the publisher).
import type { Disposable } from '../../core/lifecycle.ts';
import type { AlertManager } from '../alert-manager.ts';
import type { RaiseAlertInput } from '../alert-types.ts';

/** The manager as the rules see it. */
export type AlertRaiser = Pick<AlertManager, 'raise' | 'relayStored' | 'recent'>;

/** Raises `input` (nothing for undefined). */
export type RaiseAlert = (input: RaiseAlertInput | undefined) => void;

/** Something that takes one listener and gives back its subscription. */
export interface ListenerSource<Event> {
  subscribe(listener: (event: Event) => void): Disposable;
}

/** Whole seconds for a message ('42 s'). */
export function seconds(milliseconds: number): string {
  return `${Math.round(milliseconds / 1_000)} s`;
}
