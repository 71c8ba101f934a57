// R01 halted: while trading is HALTED nothing new may be sent. With a flatten request the
// position is closed at once (MARKETABLE); without one the rule fires HOLD, which decides, so no
// later rule can order anything. REDUCING is not a halt: the other rules decide, and the risk
// governor lets through only the orders that reduce risk.
import { fired, notFired, textsFor, type DecisionRule } from '../decision-rule.ts';

const texts = textsFor(() => ({
  threshold: 'trading state = HALTED (CLOSE if flattening was requested, else HOLD)',
  notHalted: 'trading is not halted',
}));

const rule = { id: 'R01', name: 'Trading halted' } as const;

export const r01Halted: DecisionRule = {
  ...rule,
  evaluate(context, thresholds) {
    const { tradingState, flattenRequested } = context.risk;
    const text = texts(thresholds);
    const inputs = { tradingState, flattenRequested };
    if (tradingState !== 'HALTED') return notFired(rule, text.notHalted, inputs, text.threshold);
    return flattenRequested
      ? fired(rule, 'CLOSE', 'MARKETABLE', 'trading is halted and flattening was requested: close now', inputs, text.threshold)
      : fired(rule, 'HOLD', undefined, 'trading is halted: hold, no new orders', inputs, text.threshold);
  },
};
