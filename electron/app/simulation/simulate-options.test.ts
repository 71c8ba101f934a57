import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMULATION_SYMBOLS, parseSimulateOptions } from './simulate-options.ts';

describe('parseSimulateOptions', () => {
  it('when only --days is given, then the defaults fill the rest', () => {
    expect(parseSimulateOptions(['--days', '20'])).toEqual({ days: 20, seed: 1, symbols: [...DEFAULT_SIMULATION_SYMBOLS], start: '2026-01-05', json: false, dataDirectory: undefined, help: false });
  });

  it('when every option is given, then each is read', () => {
    expect(parseSimulateOptions(['--days', '5', '--seed', '42', '--symbols', 'SPY, TSLA', '--start', '2026-03-02', '--json'])).toMatchObject({ days: 5, seed: 42, symbols: ['SPY', 'TSLA'], start: '2026-03-02', json: true });
  });

  it.each([
    [[], /--days is required/],
    [['--days', '0'], /--days must be a whole number from 1 to 2520, got '0'/],
    [['--days', '2.5'], /--days/],
    [['--days', '3', '--seed', 'x'], /--seed must be a whole number/],
    [['--days', '3', '--symbols', 'SPY,SPY'], /--symbols must name each symbol once/],
    [['--days', '3', '--symbols', 'SPY,'], /--symbols must be a comma-separated list/],
    [['--days', '3', '--start', '2026-13-01'], /--start must be a date written YYYY-MM-DD/],
    [['--days', '3', '--fast'], /Unknown option '--fast'/],
  ])('when the arguments are %j, then parsing fails naming the option', (argv, message) => {
    expect(() => parseSimulateOptions(argv)).toThrow(message);
  });
});
