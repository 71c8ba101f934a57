import { describe, expect, it } from 'vitest';
import { ACTIVE_CONTROL, haltedControl, reducingControl, resumedControl, type TradingControl } from './trading-control.ts';

const latchedHalt: TradingControl = { tradingState: 'HALTED', reason: 'kill switch', latched: true };

describe('trading control transitions', () => {
  it('when ACTIVE is halted, then it is HALTED with the reason and latch asked for', () => {
    expect(haltedControl(ACTIVE_CONTROL, 'kill switch', true)).toEqual(latchedHalt);
    expect(haltedControl(ACTIVE_CONTROL, 'feed gap', false)).toEqual({ tradingState: 'HALTED', reason: 'feed gap', latched: false });
  });

  it('when a latched halt is halted again, then nothing changes; a non-latched halt becomes latched', () => {
    expect(haltedControl(latchedHalt, 'again', false)).toBe(latchedHalt);
    expect(haltedControl(latchedHalt, 'again', true)).toBe(latchedHalt);
    expect(haltedControl({ tradingState: 'HALTED', reason: 'feed gap', latched: false }, 'kill switch', true)).toEqual(latchedHalt);
  });

  it('when REDUCING is halted, then the latch of the reduce-only state is kept', () => {
    expect(haltedControl({ tradingState: 'REDUCING', reason: 'vix', latched: true }, 'gap', false)).toEqual({ tradingState: 'HALTED', reason: 'gap', latched: true });
  });

  it('when reduce-only is asked while HALTED, then the halt stays (it is never softened)', () => {
    expect(reducingControl(latchedHalt, 'vix', false)).toBe(latchedHalt);
    expect(reducingControl(ACTIVE_CONTROL, 'vix', false)).toEqual({ tradingState: 'REDUCING', reason: 'vix', latched: false });
  });

  it('when resume is asked, then a non-latched state returns to ACTIVE and a latched one is refused', () => {
    expect(resumedControl({ tradingState: 'REDUCING', reason: 'vix', latched: false })).toEqual({ ok: true, control: ACTIVE_CONTROL });
    expect(resumedControl(latchedHalt)).toMatchObject({ ok: false, reason: expect.stringContaining('only rearm') });
  });
});
