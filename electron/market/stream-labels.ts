// The names of the random streams: one per process, so the numbers one process draws depend only
// on (seed, its label), and adding an underlying never shifts another's path.
export const streamLabels = {
  index: 'index-factor',
  underlying: (symbol: string): string => `underlying:${symbol}`,
  indexHistory: 'history:index-factor',
  underlyingHistory: (symbol: string): string => `history:${symbol}`,
} as const;
