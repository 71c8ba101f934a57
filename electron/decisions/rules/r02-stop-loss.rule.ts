// R02 stop loss: a credit position whose loss reached `stopLossCreditMultiple` × the credit
// received (default 2 = 200 %) is closed with a MARKETABLE order. Inclusive: a loss of exactly
// 2 × the credit fires. Compared in exact micro-dollars. A debit position cannot lose more than
// it paid, so the rule does not apply to it (it never fires).
import { dollars, fired, formatDollars, notFired, round, textsFor, type DecisionRule } from '../decision-rule.ts';

const texts = textsFor((thresholds) => ({
  threshold: `loss ≥ ${thresholds.stopLossCreditMultiple} × credit received`,
  notCredit: 'not a credit position: no credit-based stop',
  below: `loss below ${thresholds.stopLossCreditMultiple} × credit received`,
}));

const rule = { id: 'R02', name: 'Stop loss' } as const;

export const r02StopLoss: DecisionRule = {
  ...rule,
  evaluate(context, thresholds) {
    const text = texts(thresholds);
    const loss = -context.pnl;
    const credit = context.entryCredit;
    const inputs = { isCredit: context.isCredit, lossDollars: dollars(loss), creditDollars: dollars(credit), lossMultipleOfCredit: credit > 0 ? loss / credit : null };
    if (credit <= 0) return notFired(rule, text.notCredit, inputs, text.threshold);
    const stop = thresholds.stopLossCreditMultiple * credit;
    if (loss < stop) return notFired(rule, text.below, inputs, text.threshold);
    return fired(rule, 'CLOSE', 'MARKETABLE', `loss ${formatDollars(loss)} is ${round(loss / credit)} × the credit ${formatDollars(credit)} (stop at ${thresholds.stopLossCreditMultiple} ×): close now`, inputs, text.threshold);
  },
};
