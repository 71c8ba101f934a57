// What the workflows need from the rest of the engine. Every port is a narrow slice of a service
// the composition root already builds (electron/app/engine-services.ts), named as it is there,
// so the root can pass them straight through:
//
//   createWorkflows({ clock, logger, store: engine.store, database: engine.database,
//     market: engine.market, marketData: engine.marketData, ...engine.services }, config)
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { AlertManager } from '../alerts/index.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { ExecutionEngine } from '../execution/execution-engine.ts';
import type { ExecutionEvents } from '../execution/execution-events.ts';
import type { OrderManagementSystem } from '../execution/order-management-system.ts';
import type { Disposable } from '../core/lifecycle.ts';
import type { MarketDataService, SimulatedMarket } from '../market/index.ts';
import type { AppDatabase } from '../persistence/database.ts';
import type { TradingStore } from '../persistence/trading-store.ts';
import type { KillSwitch } from '../risk/kill-switch.ts';
import type { RiskPosition } from '../risk/risk-inputs.ts';
import type { RiskGovernor } from '../risk/risk-governor.ts';

export interface ExecutionEventSource {
  subscribe<Type extends keyof ExecutionEvents>(type: Type, handler: (payload: ExecutionEvents[Type]) => void): Disposable;
}

export interface WorkflowPorts {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Strategies, decisions, orders and fills (the book of record). */
  readonly store: TradingStore;
  /** The app database: its settings table keeps per-strategy workflow notes (IV rank at entry, …). */
  readonly database: AppDatabase;
  /** IV statistics and the VIX (the simulated market now); `config` prices the builders' payoff curves. */
  readonly market: Pick<SimulatedMarket, 'ivStatistics' | 'vix' | 'config'>;
  readonly marketData: Pick<MarketDataService, 'snapshot' | 'expirations' | 'strikes' | 'nearestStrikeByDelta' | 'expiryNearestDays'>;
  readonly execution: Pick<ExecutionEngine, 'placeComboOrder' | 'placeOrder' | 'closePosition' | 'rollPosition' | 'reducePosition' | 'cancelOrder'>;
  /** The OMS's note of why an order exists (entry or exit). */
  readonly oms: Pick<OrderManagementSystem, 'contextOf'>;
  readonly governor: Pick<RiskGovernor, 'state' | 'limits'>;
  readonly killSwitch: Pick<KillSwitch, 'status'>;
  readonly alerts: Pick<AlertManager, 'raise'>;
  readonly executionBus: ExecutionEventSource;
  /** The app's positions by contract with the strategy that traded them (unmanaged positions block entries). */
  readonly positionBook: { lines(): readonly RiskPosition[] };
  /** The latest account summary (buying power for the builders, net liquidation for the portfolio). */
  readonly accounts: { readonly latest: AccountSummary | undefined };
}
