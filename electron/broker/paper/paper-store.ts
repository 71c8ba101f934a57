// The paper account's SQLite store (its own file, migrations in ./migrations). The broker keeps
// its state in memory and writes every state change through commit(): one transaction per
// change, so a new PaperBroker on the same file continues exactly where the old one stopped.
import { BROKER_ORDER_STATES, type BrokerExecution } from '../broker.ts';
import { parseIsoDate } from '../../../shared/domain/calendar.ts';
import { contractKey, restoreContract, restoreOptionContract, type Contract, type OptionContract } from '../../../shared/domain/contract.ts';
import { parseClientOrderRef, parseExecutionId } from '../../../shared/domain/ids.ts';
import { fromMicros, parseMoney, toDollars } from '../../../shared/domain/money.ts';
import { restorePosition, type Position } from '../../../shared/domain/position.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { openDatabase, type AppDatabase, type Durability } from '../../persistence/database.ts';
import { RowReader } from '../../persistence/row-reader.ts';
import { paperMigrations } from './migrations/index.ts';
import type { PaperOrder } from './paper-order.ts';
import type { PaperAccountRecord, PaperExecution, PaperSettlement, PendingRequest } from './paper-records.ts';
import { toStoredJson } from './stored-json.ts';

export interface PaperStoreContents {
  readonly account: PaperAccountRecord;
  readonly orders: readonly PaperOrder[];
  readonly positions: readonly Position[];
  readonly requests: readonly PendingRequest[];
}

export interface PaperStoreChanges {
  readonly account: PaperAccountRecord;
  readonly orders: Iterable<PaperOrder>;
  readonly positions: readonly Position[];
  readonly executions: readonly PaperExecution[];
  readonly settlements: readonly PaperSettlement[];
  readonly addedRequests: readonly PendingRequest[];
  readonly removedRequestIds: readonly number[];
}

type Row = Record<string, unknown>;

const accountColumns = 'account_id, cash, realized_today, realized_day, next_broker_order_id, next_execution_sequence, next_request_id, next_settlement_sequence, random_state, created_at, updated_at';

function statements(database: AppDatabase) {
  return {
    selectAccount: database.prepare<[], Row>(`SELECT ${accountColumns} FROM paper_account WHERE id = 1`),
    upsertAccount: database.prepare(`INSERT INTO paper_account (id, ${accountColumns}) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET cash = excluded.cash, realized_today = excluded.realized_today, realized_day = excluded.realized_day,
      next_broker_order_id = excluded.next_broker_order_id, next_execution_sequence = excluded.next_execution_sequence,
      next_request_id = excluded.next_request_id, next_settlement_sequence = excluded.next_settlement_sequence,
      random_state = excluded.random_state, updated_at = excluded.updated_at`),
    selectOrders: database.prepare<[], Row>('SELECT broker_order_id, client_order_ref, data FROM paper_orders ORDER BY broker_order_id'),
    upsertOrder: database.prepare(`INSERT INTO paper_orders (broker_order_id, client_order_ref, state, data, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (broker_order_id) DO UPDATE SET state = excluded.state, data = excluded.data, updated_at = excluded.updated_at`),
    selectPositions: database.prepare<[], Row>('SELECT contract_key, contract, quantity, cost_basis, realized_pnl, commissions FROM paper_positions ORDER BY contract_key'),
    upsertPosition: database.prepare(`INSERT INTO paper_positions (contract_key, contract, quantity, cost_basis, realized_pnl, commissions) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (contract_key) DO UPDATE SET quantity = excluded.quantity, cost_basis = excluded.cost_basis, realized_pnl = excluded.realized_pnl, commissions = excluded.commissions`),
    insertExecution: database.prepare('INSERT INTO paper_executions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    selectExecutions: database.prepare<[number], Row>('SELECT * FROM paper_executions WHERE time >= ? ORDER BY sequence'),
    selectRequests: database.prepare<[], Row>('SELECT data FROM paper_requests ORDER BY id'),
    insertRequest: database.prepare('INSERT INTO paper_requests (id, kind, due_at, data) VALUES (?, ?, ?, ?)'),
    deleteRequest: database.prepare('DELETE FROM paper_requests WHERE id = ?'),
    insertSettlement: database.prepare('INSERT INTO paper_settlements (sequence, time, contract_key, data) VALUES (?, ?, ?, ?)'),
    selectSettlements: database.prepare<[number], Row>('SELECT data FROM paper_settlements WHERE time >= ? ORDER BY sequence'),
  };
}

export class PaperStore {
  readonly #database: AppDatabase;
  readonly #sql: ReturnType<typeof statements>;

  private constructor(database: AppDatabase) {
    this.#database = database;
    this.#sql = statements(database);
  }

  /** Opens (creating if needed) and migrates the paper account file. */
  static open(filePath: string, logger?: Logger, durability: Durability = 'full'): PaperStore {
    return new PaperStore(openDatabase(filePath, { migrations: paperMigrations, durability, ...(logger === undefined ? {} : { logger }) }));
  }

  get filePath(): string {
    return this.#database.filePath;
  }

  /** Everything needed to resume, or undefined for a new (empty) account. */
  load(): PaperStoreContents | undefined {
    const accountRow = this.#sql.selectAccount.get();
    if (accountRow === undefined) return undefined;
    return {
      account: readAccount(accountRow),
      orders: this.#sql.selectOrders.all().map(readOrder),
      positions: this.#sql.selectPositions.all().map(readPosition),
      requests: this.#sql.selectRequests.all().map((row) => new RowReader(row, 'paper_requests row').json('data') as unknown as PendingRequest),
    };
  }

  /** Writes one state change atomically. */
  commit(changes: PaperStoreChanges): void {
    this.#database.transaction(() => {
      for (const order of changes.orders) {
        const data = toStoredJson(order, `paper order ${order.brokerOrderId}`);
        this.#sql.upsertOrder.run(order.brokerOrderId, order.request.clientOrderRef, order.state, data, order.updatedAt);
      }
      for (const execution of changes.executions) this.#insertExecution(execution);
      for (const position of changes.positions) {
        const contract = toStoredJson(position.contract, 'position contract');
        this.#sql.upsertPosition.run(contractKey(position.contract), contract, position.quantity, position.costBasis, position.realizedPnl, position.commissions);
      }
      for (const settlement of changes.settlements) {
        this.#sql.insertSettlement.run(settlement.sequence, settlement.time, contractKey(settlement.contract), toStoredJson(settlement, 'settlement'));
      }
      for (const request of changes.addedRequests) this.#sql.insertRequest.run(request.id, request.kind, request.dueAt, toStoredJson(request, 'request'));
      for (const id of changes.removedRequestIds) this.#sql.deleteRequest.run(id);
      this.#writeAccount(changes.account);
    });
  }

  executionsSince(since: number): PaperExecution[] {
    return this.#sql.selectExecutions.all(since).map(readExecution);
  }

  settlementsSince(since: number): PaperSettlement[] {
    return this.#sql.selectSettlements.all(since).map((row) => {
      const settlement = new RowReader(row, 'paper_settlements row').json('data') as unknown as PaperSettlement;
      return { ...settlement, contract: restoreOptionContract(settlement.contract) };
    });
  }

  close(): void {
    this.#database.close();
  }

  #insertExecution(execution: PaperExecution): void {
    this.#sql.insertExecution.run(
      execution.executionId,
      execution.sequence,
      execution.brokerOrderId,
      execution.clientOrderRef,
      toStoredJson(execution.contract, 'execution contract'),
      execution.legIndex ?? null,
      execution.action,
      execution.quantity,
      Math.round(execution.price * 1_000_000),
      execution.commission,
      execution.time,
    );
  }

  #writeAccount(account: PaperAccountRecord): void {
    this.#sql.upsertAccount.run(
      account.accountId,
      account.cash,
      account.realizedToday,
      account.realizedDay,
      account.nextBrokerOrderId,
      account.nextExecutionSequence,
      account.nextRequestId,
      account.nextSettlementSequence,
      account.randomState,
      account.createdAt,
      account.updatedAt,
    );
  }
}

function readAccount(row: Row): PaperAccountRecord {
  const reader = new RowReader(row, 'paper_account row');
  return {
    accountId: reader.text('account_id'),
    cash: parseMoney(reader.integer('cash'), 'cash'),
    realizedToday: parseMoney(reader.integer('realized_today'), 'realized_today'),
    realizedDay: parseIsoDate(reader.text('realized_day'), 'realized_day'),
    nextBrokerOrderId: reader.integer('next_broker_order_id'),
    nextExecutionSequence: reader.integer('next_execution_sequence'),
    nextRequestId: reader.integer('next_request_id'),
    nextSettlementSequence: reader.integer('next_settlement_sequence'),
    randomState: reader.integer('random_state'),
    createdAt: reader.integer('created_at'),
    updatedAt: reader.integer('updated_at'),
  };
}

/** Fails fast when the stored order does not match its columns (corrupt data is worse than none). */
function readOrder(row: Row): PaperOrder {
  const reader = new RowReader(row, 'paper_orders row');
  const id = reader.integer('broker_order_id');
  const order = reader.json('data') as unknown as PaperOrder;
  const where = `paper order ${id}`;
  if (typeof order !== 'object' || order === null || order.brokerOrderId !== id) throw new AppError('corrupt-data', `${where}: data does not hold order ${id}`);
  if (order.request?.clientOrderRef !== reader.text('client_order_ref')) throw new AppError('corrupt-data', `${where}: client order ref does not match its column`);
  if (!(BROKER_ORDER_STATES as readonly string[]).includes(order.state)) throw new AppError('corrupt-data', `${where}: unknown state ${JSON.stringify(order.state)}`);
  return order;
}

function readPosition(row: Row): Position {
  const reader = new RowReader(row, 'paper_positions row');
  return restorePosition({
    contract: reader.json('contract') as unknown as Contract,
    quantity: reader.integer('quantity'),
    costBasis: parseMoney(reader.integer('cost_basis')),
    realizedPnl: parseMoney(reader.integer('realized_pnl')),
    commissions: parseMoney(reader.integer('commissions')),
  });
}

function readExecution(row: Row): PaperExecution {
  const reader = new RowReader(row, 'paper_executions row');
  const legIndex = row.leg_index === null ? undefined : reader.integer('leg_index');
  const action = reader.text('action');
  return Object.freeze({
    executionId: parseExecutionId(reader.text('execution_id')),
    sequence: reader.integer('sequence'),
    clientOrderRef: parseClientOrderRef(reader.text('client_order_ref')),
    brokerOrderId: reader.integer('broker_order_id'),
    contract: restoreContract(reader.json('contract') as unknown as OptionContract),
    legIndex,
    action: action === 'SELL' ? 'SELL' : 'BUY',
    quantity: reader.integer('quantity'),
    price: toDollars(fromMicros(reader.integer('price'))),
    time: reader.integer('time'),
    commission: parseMoney(reader.integer('commission')),
  } satisfies PaperExecution & BrokerExecution);
}
