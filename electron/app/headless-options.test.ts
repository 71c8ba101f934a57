import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVE_DATA_DIRECTORY, DEFAULT_SIMULATION_START, parseDuration, parseHeadlessOptions, parseSpeed } from './headless-options.ts';

describe('parseHeadlessOptions', () => {
  it('when no option is given, then it is a live run on the real clock with the default data folder', () => {
    expect(parseHeadlessOptions([])).toEqual({
      seed: 1,
      speed: 1,
      durationMs: undefined,
      json: false,
      autopilot: false,
      start: undefined,
      dataDirectory: DEFAULT_LIVE_DATA_DIRECTORY,
      help: false,
    });
  });

  it('when the run is accelerated, then it starts on the fixed default date in a temporary folder', () => {
    const options = parseHeadlessOptions(['--seed', '9', '--speed', 'max', '--duration', '2d', '--json']);
    expect(options).toMatchObject({ seed: 9, speed: 'max', durationMs: 2 * 86_400_000, json: true, start: DEFAULT_SIMULATION_START, dataDirectory: undefined });
  });

  it('when --start is given at speed 1, then the run is simulated from that date', () => {
    expect(parseHeadlessOptions(['--start', '2026-03-02'])).toMatchObject({ start: '2026-03-02', dataDirectory: undefined, speed: 1 });
  });

  it.each([
    [['--seed=-1'], /--seed must be a non-negative integer, got '-1'/],
    [['--seed', '-1'], /'--seed' argument is ambiguous/],
    [['--seed', '1.5'], /--seed/],
    [['--speed', '0'], /--speed must be a positive number or 'max', got '0'/],
    [['--speed', 'fast'], /--speed/],
    [['--duration', '2w'], /--duration must be a positive number followed by s, m, h or d/],
    [['--start', '2026-02-30'], /--start must be a date written YYYY-MM-DD, got '2026-02-30'/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('when the arguments are %j, then parsing fails naming the option', (argv, message) => {
    expect(() => parseHeadlessOptions(argv)).toThrow(message);
  });
});

describe('parseDuration and parseSpeed', () => {
  it.each([
    ['45s', 45_000],
    ['90m', 5_400_000],
    ['1.5h', 5_400_000],
    ['2d', 172_800_000],
  ])('when the duration is %s, then it is %d ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it('when the speed is a number or max, then it is kept', () => {
    expect(parseSpeed('60')).toBe(60);
    expect(parseSpeed('0.5')).toBe(0.5);
    expect(parseSpeed('max')).toBe('max');
  });
});
