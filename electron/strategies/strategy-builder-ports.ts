// What a builder needs from the rest of the engine.
import type { Money } from '../../shared/domain/index.ts';
import type { MarginRequirement } from './margin-requirement.ts';
import type { OptionChainPort } from './option-chain-port.ts';

export interface StrategyBuilderPorts {
  readonly chain: OptionChainPort;
  /** Buying power available now (e.g. the account summary's buyingPower). */
  readonly buyingPower: () => Money;
  /** Capital a strategy ties up; default definedRiskRequirement (max loss; strike × 100 − premium for the short put). */
  readonly marginRequirement?: MarginRequirement;
}
