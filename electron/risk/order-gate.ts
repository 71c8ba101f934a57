// One pass of an order through the gate: validate, gather the facts, run the checks
// (order-evaluation.ts, or flatten-gate.ts for the kill switch's channel while HALTED), then
// either count the admitted order or journal and publish the denial. Never throws: anything
// unexpected becomes an INVALID_ORDER denial.
import type { AccountSummary } from '../../shared/domain/account.ts';
import { instrumentKey } from '../../shared/domain/instrument.ts';
import type { RiskDenial, RiskLimits } from '../../shared/domain/risk.ts';
import { duplicateKey } from './checks/duplicate-order.check.ts';
import type { DailyLoss } from './checks/daily-loss.check.ts';
import { deny } from './checks/denial.ts';
import { reducesEveryPosition } from './checks/risk-reduction.ts';
import { evaluateFlatten } from './flatten-gate.ts';
import type { GovernorAccess } from './governor-access.ts';
import { summarizeIntent, validateIntent } from './intent-validation.ts';
import { evaluateOrder, type OrderContext } from './order-evaluation.ts';
import { intentLegs } from './order-legs.ts';
import { openPositionGroups, positionGroupKey, PositionReservations } from './position-groups.ts';
import type { GateVerdict, OrderIntent } from './pre-trade-gate.ts';
import { RecentActivity } from './recent-activity.ts';
import { optionalCall, readAccount, readConnected, readPositions, type PositionsRead } from './risk-facts.ts';
import type { GateChannel } from './risk-events.ts';
import type { RiskInputs } from './risk-inputs.ts';
import type { SectorMap } from './sector-map.ts';

export interface OrderGateConfig {
  readonly inputs: RiskInputs;
  readonly limits: RiskLimits;
  readonly sectors: SectorMap;
  readonly maxConcentrationPerSector: number;
  readonly accountMaxAgeMs: number;
  readonly positionReservationMs: number;
  readonly governor: GovernorAccess;
}

const ALLOWED: GateVerdict = Object.freeze({ allowed: true });

type Evaluated = { readonly denial: RiskDenial } | { readonly denial: undefined; readonly admit: () => void };

export class OrderGate {
  readonly #config: OrderGateConfig;
  readonly #governor: GovernorAccess;
  readonly #activity: RecentActivity;
  readonly #reservations: PositionReservations;

  constructor(config: OrderGateConfig) {
    this.#config = config;
    this.#governor = config.governor;
    this.#activity = new RecentActivity(config.limits.duplicateWindowMs);
    this.#reservations = new PositionReservations(config.positionReservationMs);
  }

  check(value: unknown, channel: GateChannel): GateVerdict {
    const now = this.#governor.now();
    let denial: RiskDenial;
    try {
      const result = this.#evaluate(value, now, channel);
      if (result.denial === undefined) {
        result.admit();
        return ALLOWED;
      }
      denial = result.denial;
    } catch (error) {
      denial = deny('INVALID_ORDER', `risk check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.#governor.recorder.denial(now, channel, summarizeIntent(value), denial, this.#governor.control().tradingState);
    return Object.freeze({ allowed: false, denial });
  }

  /** Counts an order message (a cancel, or a flatten order) in the rate throttle. */
  recordMessage(now: number): void {
    this.#activity.recordMessage(now);
  }

  #evaluate(value: unknown, now: number, channel: GateChannel): Evaluated {
    const validation = validateIntent(value, now);
    if (!validation.ok) return { denial: validation.denial };
    const account = readAccount(this.#config.inputs);
    const loss = this.#governor.evaluateDay(now, account);
    const positions = readPositions(this.#config.inputs);
    if (!positions.ok) return { denial: deny('STALE_DATA', positions.reason) };
    const context = this.#context(validation.intent, now, account, loss, positions);
    if (channel === 'flatten' && context.control.tradingState === 'HALTED') {
      const denial = evaluateFlatten({ reconciled: context.reconciled, unreconciledReason: context.unreconciledReason, connected: context.connected, reducesRisk: context.reducesRisk });
      return denial === undefined ? { denial, admit: () => this.#activity.recordMessage(now) } : { denial };
    }
    const denial = evaluateOrder(context);
    return denial === undefined ? { denial, admit: () => this.#admit(context) } : { denial };
  }

  #context(intent: OrderIntent, now: number, account: AccountSummary | undefined, loss: DailyLoss | undefined, positions: PositionsRead & { ok: true }): OrderContext {
    const { inputs, limits } = this.#config;
    const legs = intentLegs(intent);
    const netQuantities = new Map([...positions.net].map(([key, position]) => [key, position.quantity]));
    const reducesRisk = reducesEveryPosition(legs, netQuantities);
    const groups = openPositionGroups(positions.positions);
    for (const reserved of this.#reservations.active(now)) groups.add(reserved);
    const group = this.#group(intent);
    const { reconciled, reason } = this.#governor.reconciled();
    return {
      intent,
      legs,
      now,
      limits,
      control: this.#governor.control(),
      reconciled,
      unreconciledReason: reason,
      connected: readConnected(inputs),
      account,
      accountMaxAgeMs: this.#config.accountMaxAgeMs,
      dailyLoss: loss,
      net: positions.net,
      reducesRisk,
      opensNewGroup: intent.kind === 'new' && !reducesRisk && !groups.has(group),
      openGroupCount: groups.size,
      newPositionsToday: this.#governor.day().newPositionsToday,
      messageTimes: this.#activity.messageTimes(now),
      recentIntents: this.#activity.intents(now),
      duplicateKey: duplicateKey(instrumentKey(intent.instrument), intent.action, intent.quantity),
      quoteOf: inputs.quote,
      sectors: this.#config.sectors,
      maxConcentrationPerSector: this.#config.maxConcentrationPerSector,
      marginPreview: optionalCall(inputs.marginPreview, intent),
      estimatedMargin: optionalCall(inputs.estimateMargin, intent),
    };
  }

  #group(intent: OrderIntent): string {
    return positionGroupKey(intent.strategyId, intentLegs(intent)[0]?.underlyingSymbol ?? '');
  }

  /** Counts an admitted order at once, so two racing orders cannot both pass a limit that admits one. */
  #admit(context: OrderContext): void {
    const { now, intent } = context;
    this.#activity.recordMessage(now);
    this.#activity.recordIntent({ key: context.duplicateKey, clientOrderRef: intent.clientOrderRef, time: now });
    if (!context.opensNewGroup) return;
    this.#reservations.reserve(this.#group(intent), now);
    this.#governor.countNewPosition(now);
  }
}
