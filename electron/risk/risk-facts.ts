// Reads the governor's inputs defensively: a provider that throws or returns malformed data
// yields "unknown" (undefined, or a reason), which the checks turn into a denial. Nothing here throws.
import type { AccountSummary } from '../../shared/domain/account.ts';
import { contractKey } from '../../shared/domain/contract.ts';
import { netPositions, type NetPosition } from './exposure.ts';
import type { RiskInputs, RiskPosition } from './risk-inputs.ts';

export type PositionsRead =
  | { readonly ok: true; readonly positions: readonly RiskPosition[]; readonly net: ReadonlyMap<string, NetPosition> }
  | { readonly ok: false; readonly reason: string };

/** The latest account summary, or undefined when there is none or its figures are unusable. */
export function readAccount(inputs: Pick<RiskInputs, 'account'>): AccountSummary | undefined {
  try {
    const account = inputs.account();
    if (account === undefined || account === null) return undefined;
    const usable = [account.netLiquidation, account.marginUsed, account.updatedAt].every((value) => Number.isSafeInteger(value));
    return usable ? account : undefined;
  } catch {
    return undefined;
  }
}

export function readPositions(inputs: Pick<RiskInputs, 'positions'>): PositionsRead {
  try {
    const positions = inputs.positions();
    if (!Array.isArray(positions)) return { ok: false, reason: 'the positions provider did not return a list' };
    for (const [index, line] of positions.entries()) {
      const problem = positionProblem(line);
      if (problem !== undefined) return { ok: false, reason: `position ${index} is unusable: ${problem}` };
    }
    return { ok: true, positions, net: netPositions(positions) };
  } catch (error) {
    return { ok: false, reason: `the positions provider failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function positionProblem(line: RiskPosition): string | undefined {
  if (typeof line !== 'object' || line === null) return 'not an object';
  if (!Number.isSafeInteger(line.quantity)) return `quantity is ${String(line.quantity)}`;
  contractKey(line.contract); // throws for a malformed contract (caught above)
  return undefined;
}

export function readConnected(inputs: Pick<RiskInputs, 'isConnected'>): boolean {
  try {
    return inputs.isConnected() === true;
  } catch {
    return false;
  }
}

/** Calls an optional provider; undefined when it is absent or throws. */
export function optionalCall<Argument, Result>(provider: ((argument: Argument) => Result | undefined) | undefined, argument: Argument): Result | undefined {
  if (provider === undefined) return undefined;
  try {
    return provider(argument) ?? undefined;
  } catch {
    return undefined;
  }
}
