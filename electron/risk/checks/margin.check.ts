// Margin utilisation (maintenance margin / net liquidation) after the order must stay at or
// below maxMarginUtilisation. The margin after comes from the broker's whatIf preview when the
// caller has one, else from current margin + a local estimate of the order's margin. When
// neither is known the check fails closed, except for an order that only reduces positions
// (closing releases margin; refusing it could trap the book). An order that does not raise the
// utilisation is allowed even when the account is already above the limit.
import { marginUtilisation, type AccountSummary } from '../../../shared/domain/account.ts';
import type { Money } from '../../../shared/domain/money.ts';
import type { MarginPreview } from '../risk-inputs.ts';
import { COMPARISON_TOLERANCE, deny, percent, type CheckResult } from './denial.ts';

export interface MarginCheckInput {
  readonly account: Pick<AccountSummary, 'marginUsed' | 'netLiquidation'>;
  readonly preview: MarginPreview | undefined;
  /** Maintenance margin the order adds (negative when it releases some). */
  readonly estimatedAddition: Money | undefined;
  readonly reducesRisk: boolean;
  readonly maxMarginUtilisation: number;
}

function marginAfter(input: MarginCheckInput): number | undefined {
  if (input.preview !== undefined) return safeMoney(input.preview.maintenanceMarginAfter);
  const addition = safeMoney(input.estimatedAddition);
  return addition === undefined ? undefined : input.account.marginUsed + addition;
}

function safeMoney(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

export function checkMargin(input: MarginCheckInput): CheckResult {
  const reject = input.preview?.rejectReason;
  if (reject !== undefined) return deny('MARGIN_UTILISATION', `the broker's margin preview rejects the order: ${reject}`);
  const after = marginAfter(input);
  if (after === undefined) {
    if (input.reducesRisk) return undefined;
    return deny('MARGIN_UTILISATION', 'margin after the order is unknown (no whatIf preview and no estimate): fails closed');
  }
  const utilisationAfter = marginUtilisation({ marginUsed: after as Money, netLiquidation: input.account.netLiquidation });
  const utilisationNow = marginUtilisation(input.account);
  if (utilisationAfter <= input.maxMarginUtilisation + COMPARISON_TOLERANCE) return undefined;
  if (utilisationAfter <= utilisationNow + COMPARISON_TOLERANCE) return undefined;
  return deny('MARGIN_UTILISATION', `margin utilisation would be ${percent(utilisationAfter)} (now ${percent(utilisationNow)}), above the limit of ${percent(input.maxMarginUtilisation)}`);
}
