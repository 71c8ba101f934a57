import { describe, expect, it } from 'vitest';
import { SessionTape } from './session-tape.ts';

const session = { open: 1_000_000, close: 1_000_000 + 390 * 60_000 };

describe('SessionTape', () => {
  it('when a time is on the slot grid after the open, then slotAt gives its index; the open and off-grid times give −1', () => {
    const tape = new SessionTape(session, 60_000, 100, session.open);
    expect(tape.slotAt(session.open)).toBe(-1);
    expect(tape.slotAt(session.open + 60_000)).toBe(1);
    expect(tape.slotAt(session.close)).toBe(390);
    expect(tape.slotAt(session.open + 61_000)).toBe(-1);
    expect(tape.firstSlot).toBe(1);
  });

  it('when the simulation starts mid-session, then slots before the start are not part of the tape', () => {
    expect(new SessionTape(session, 60_000, 100, session.open + 90_500).firstSlot).toBe(2);
  });

  it('when a slot is recorded, then its state reads back with the slot time', () => {
    const tape = new SessionTape(session, 60_000, 100, session.open);
    tape.record(3, { time: 0, spot: 101.5, marketVariance: 0.02, logVarianceFactor: -0.1 });
    expect(tape.stateAt(3)).toEqual({ time: session.open + 180_000, spot: 101.5, marketVariance: 0.02, logVarianceFactor: -0.1 });
  });

  it('when a slot was never recorded, then reading it fails naming the slot', () => {
    expect(() => new SessionTape(session, 60_000, 100, session.open).stateAt(5)).toThrow(/slot 5/);
  });
});
