// REDUCE or CLOSE (R08, R11): a rule that needs `unitsToClose` strategy units gone decides REDUCE
// when at least one unit can stay, and CLOSE when every unit has to go (a REDUCE of the whole
// quantity would be a close under another name).

export interface ReduceChoice {
  readonly action: 'REDUCE' | 'CLOSE';
  readonly reduceQuantity: number | undefined;
}

/** Whole units needed to cover `excess` at `perUnit` each (float noise below 1e-9 units ignored). */
export function unitsNeeded(excess: number, perUnit: number): number {
  return Math.max(1, Math.ceil(excess / perUnit - 1e-9));
}

export function reduceOrClose(quantity: number, unitsToClose: number): ReduceChoice {
  return unitsToClose >= quantity ? { action: 'CLOSE', reduceQuantity: undefined } : { action: 'REDUCE', reduceQuantity: unitsToClose };
}
