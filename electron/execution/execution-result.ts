// What every execution-engine operation returns. `success` says the request did what was
// asked up to the broker hand-over (fills arrive later as events); `error` says why not.
import type { OrderId } from '../../shared/domain/ids.ts';

export const EXECUTION_ACTIONS = ['PLACED', 'CLOSED', 'ROLLED', 'REDUCED', 'PARTIAL', 'FAILED', 'DRY_RUN'] as const;
export type ExecutionAction = (typeof EXECUTION_ACTIONS)[number];

export interface ExecutionResult {
  readonly success: boolean;
  readonly action: ExecutionAction;
  readonly orderIds: readonly OrderId[];
  readonly error?: string;
}

export function failed(error: string, orderIds: readonly OrderId[] = []): ExecutionResult {
  return Object.freeze({ success: false, action: 'FAILED', orderIds: Object.freeze([...orderIds]), error });
}

export function succeeded(action: Exclude<ExecutionAction, 'FAILED'>, orderIds: readonly OrderId[]): ExecutionResult {
  return Object.freeze({ success: true, action, orderIds: Object.freeze([...orderIds]) });
}
