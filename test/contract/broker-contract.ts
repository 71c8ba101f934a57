// The broker contract suite (the LEAN habit): every Broker implementation must pass it, through
// a factory that returns a BrokerContractHarness. Call describeBrokerContract(name, factory) from
// a `*.contract.test.ts` file per broker.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerOrderRequest, BrokerOrderState } from '../../electron/broker/broker.ts';
import { BrokerRequestError } from '../../electron/broker/broker-request-error.ts';
import type { Contract } from '../../shared/domain/contract.ts';
import { contractKey } from '../../shared/domain/contract.ts';
import { formatClientOrderRef, type ClientOrderRef } from '../../shared/domain/ids.ts';
import { add, fromDollars, multiplyByInteger, negate, subtract, sum, type Money } from '../../shared/domain/money.ts';
import type { BrokerContractFactory, BrokerContractHarness } from './broker-contract-harness.ts';
import { BrokerEventRecorder } from './broker-event-recorder.ts';

const workingStates: readonly BrokerOrderState[] = ['PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED'];
const acknowledgedStates: readonly BrokerOrderState[] = ['PRE_SUBMITTED', 'SUBMITTED', 'FILLED'];

export function describeBrokerContract(name: string, factory: BrokerContractFactory): void {
  describe(`broker contract: ${name}`, () => {
    let harness: BrokerContractHarness;
    let recorder: BrokerEventRecorder;
    let sequence = 0;

    const nextRef = (): ClientOrderRef => formatClientOrderRef(++sequence);
    const broker = () => harness.broker;
    const settle = () => harness.elapse(harness.acknowledgementBoundMs);

    function request(contract: BrokerOrderRequest['instrument'], fields: Partial<BrokerOrderRequest>): BrokerOrderRequest {
      return { clientOrderRef: nextRef(), instrument: contract, action: 'BUY', quantity: 1, type: 'LMT', tif: 'DAY', ...fields };
    }

    async function place(fields: Partial<BrokerOrderRequest> & Pick<BrokerOrderRequest, 'instrument'>): Promise<ClientOrderRef> {
      const order = request(fields.instrument, fields);
      await broker().placeOrder(order);
      return order.clientOrderRef;
    }

    async function positionOf(contract: Contract): Promise<number> {
      const positions = await broker().positions();
      return positions.find((position) => contractKey(position.contract) === contractKey(contract))?.quantity ?? 0;
    }

    async function settleUntil(done: () => boolean, attempts = 20): Promise<void> {
      for (let attempt = 0; attempt < attempts && !done(); attempt++) await settle();
    }

    beforeEach(async () => {
      sequence = 0;
      harness = await factory();
      recorder = new BrokerEventRecorder(harness.broker);
      await broker().connect();
      await harness.setQuote(harness.option, { bid: 2.0, ask: 2.1, bidSize: 50, askSize: 50 });
      await harness.setQuote(harness.otherOption, { bid: 1.0, ask: 1.1, bidSize: 50, askSize: 50 });
    });

    afterEach(async () => {
      recorder.dispose();
      await harness.dispose();
    });

    describe('connection', () => {
      it('when connected, then the status is connected and a connection event was reported', () => {
        expect(broker().connectionStatus().state).toBe('connected');
        expect(recorder.events.some((event) => event.type === 'connection' && event.status.state === 'connected')).toBe(true);
      });

      it('when disconnected, then placing an order fails as certainly not sent', async () => {
        await broker().disconnect();
        expect(broker().connectionStatus().state).toBe('disconnected');
        const error = await broker().placeOrder(request(harness.option, { limitPrice: 1 })).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(BrokerRequestError);
        expect((error as BrokerRequestError).sendOutcome).toBe('not-sent');
      });

      it('when the broker reconnects, then working orders and positions are kept', async () => {
        await place({ instrument: harness.option, type: 'MKT', quantity: 2 });
        const resting = await place({ instrument: harness.option, limitPrice: 1.0 });
        await settleUntil(() => recorder.lastState(resting) === 'SUBMITTED');
        await broker().disconnect();
        await broker().connect();
        await settle();
        expect(await positionOf(harness.option)).toBe(2);
        const open = await broker().openOrders();
        expect(open.map((order) => order.clientOrderRef)).toContain(resting);
      });
    });

    describe('every order type is acknowledged or rejected within the bound', () => {
      const cases: [string, (h: BrokerContractHarness) => Partial<BrokerOrderRequest>][] = [
        ['MKT', () => ({ type: 'MKT' })],
        ['LMT', () => ({ type: 'LMT', limitPrice: 1.0 })],
        ['STP', () => ({ type: 'STP', stopPrice: 3.0 })],
        ['STP_LMT', () => ({ type: 'STP_LMT', stopPrice: 3.0, limitPrice: 3.1 })],
        ['TRAIL', () => ({ type: 'TRAIL', trailingAmount: 0.5 })],
        ['TRAIL_LIMIT', () => ({ type: 'TRAIL_LIMIT', trailingAmount: 0.5, limitOffset: 0.05 })],
        ['TRAIL by percent', () => ({ type: 'TRAIL', trailingPercent: 20 })],
        ['LMT GTC', () => ({ type: 'LMT', limitPrice: 1.0, tif: 'GTC' })],
      ];
      it.each(cases)('when a %s buy is placed, then its first status arrives within the bound and is not a rejection', async (_label, fields) => {
        const ref = await place({ instrument: harness.option, ...fields(harness) });
        await settle();
        const states = recorder.states(ref);
        expect(states.length).toBeGreaterThan(0);
        expect(states.some((state) => acknowledgedStates.includes(state))).toBe(true);
        expect(states).not.toContain('REJECTED');
      });

      it('when a stop order is placed away from the market, then it is held and does not fill', async () => {
        const ref = await place({ instrument: harness.option, type: 'STP', stopPrice: 3.0 });
        await settle();
        expect(workingStates).toContain(recorder.lastState(ref));
        expect(recorder.executions(ref)).toEqual([]);
      });
    });

    describe('position transitions', () => {
      async function trade(action: 'BUY' | 'SELL', quantity: number): Promise<void> {
        const ref = await place({ instrument: harness.option, type: 'MKT', action, quantity });
        await settleUntil(() => recorder.lastState(ref) === 'FILLED');
        expect(recorder.lastState(ref)).toBe('FILLED');
      }
      const transitions: [string, [('BUY' | 'SELL'), number][], number][] = [
        ['long from zero', [['BUY', 2]], 2],
        ['close from long', [['BUY', 2], ['SELL', 2]], 0],
        ['short from zero', [['SELL', 2]], -2],
        ['close from short', [['SELL', 2], ['BUY', 2]], 0],
        ['short from long', [['BUY', 2], ['SELL', 4]], -2],
        ['long from short', [['SELL', 2], ['BUY', 4]], 2],
      ];
      it.each(transitions)('when going %s, then the position equals the sum of the fills', async (_label, steps, expected) => {
        for (const [action, quantity] of steps) await trade(action, quantity);
        expect(await positionOf(harness.option)).toBe(expected);
      });
    });

    describe('fills', () => {
      it('when a marketable limit exceeds the quoted size, then it fills in parts with consistent cumulative quantities', async () => {
        await harness.setQuote(harness.option, { bid: 2.0, ask: 2.1, bidSize: 3, askSize: 3 });
        const ref = await place({ instrument: harness.option, limitPrice: 2.1, quantity: 10 });
        await settle();
        const firstFilled = recorder.filledQuantity(ref);
        expect(firstFilled).toBeGreaterThan(0);
        expect(firstFilled).toBeLessThan(10);
        for (let tick = 0; tick < 10 && recorder.lastState(ref) !== 'FILLED'; tick++) {
          await harness.setQuote(harness.option, { bid: 2.0, ask: 2.1, bidSize: 3, askSize: 3 });
          await settle();
        }
        expect(recorder.lastState(ref)).toBe('FILLED');
        expect(recorder.executions(ref).length).toBeGreaterThanOrEqual(2);
        expect(recorder.filledQuantity(ref)).toBe(10);
        for (const status of recorder.statuses(ref)) expect(status.filledQuantity + status.remainingQuantity).toBe(10);
        const filled = recorder.statuses(ref).map((status) => status.filledQuantity);
        expect(filled).toEqual([...filled].sort((a, b) => a - b));
      });

      it('when a resting limit is modified up to the ask, then it fills at or below its new limit', async () => {
        const ref = await place({ instrument: harness.option, limitPrice: 1.0 });
        await settle();
        await broker().modifyOrder(ref, { limitPrice: 1.5 });
        await settle();
        expect(recorder.executions(ref)).toEqual([]);
        await broker().modifyOrder(ref, { limitPrice: 2.1 });
        await settleUntil(() => recorder.lastState(ref) === 'FILLED');
        expect(recorder.lastState(ref)).toBe('FILLED');
        expect(recorder.executions(ref).every((execution) => execution.price <= 2.1)).toBe(true);
      });

      it('when a non-marketable IOC limit is placed, then it is cancelled without a fill', async () => {
        const ref = await place({ instrument: harness.option, limitPrice: 1.0, tif: 'IOC' });
        await settleUntil(() => recorder.lastState(ref) === 'CANCELLED');
        expect(recorder.lastState(ref)).toBe('CANCELLED');
        expect(recorder.executions(ref)).toEqual([]);
      });
    });

    describe('cancel', () => {
      it('when a resting order is cancelled, then it ends CANCELLED and never fills', async () => {
        const ref = await place({ instrument: harness.option, limitPrice: 1.0 });
        await settle();
        await broker().cancelOrder(ref);
        await settleUntil(() => recorder.lastState(ref) === 'CANCELLED');
        expect(recorder.lastState(ref)).toBe('CANCELLED');
        await harness.setQuote(harness.option, { bid: 0.9, ask: 0.95, bidSize: 50, askSize: 50 });
        await settle();
        expect(recorder.executions(ref)).toEqual([]);
      });

      it('when cancel-all is called, then every working order is cancelled', async () => {
        const refs = [
          await place({ instrument: harness.option, limitPrice: 1.0 }),
          await place({ instrument: harness.otherOption, limitPrice: 0.5 }),
          await place({ instrument: harness.option, type: 'STP', stopPrice: 3.0 }),
        ];
        await settle();
        await broker().cancelAllOrders();
        await settleUntil(() => refs.every((ref) => recorder.lastState(ref) === 'CANCELLED'));
        for (const ref of refs) expect(recorder.lastState(ref)).toBe('CANCELLED');
        const open = await broker().openOrders();
        expect(open.filter((order) => workingStates.includes(order.state))).toEqual([]);
      });
    });

    describe('combo orders', () => {
      it('when a marketable combo is placed, then every leg fills together at the net price', async () => {
        const ref = await place({ instrument: harness.combo, limitPrice: 1.1, quantity: 2 });
        await settleUntil(() => recorder.lastState(ref) === 'FILLED');
        expect(recorder.lastState(ref)).toBe('FILLED');
        const executions = recorder.executions(ref);
        const legs = harness.combo.legs;
        for (const [index, leg] of legs.entries()) {
          const legQuantity = executions.filter((execution) => execution.legIndex === index).reduce((total, execution) => total + execution.quantity, 0);
          expect(legQuantity).toBe(2 * leg.ratio);
          expect(executions.filter((execution) => execution.legIndex === index).every((execution) => execution.action === leg.action)).toBe(true);
        }
        expect(await positionOf(legs[0]!.contract)).toBe(legs[0]!.action === 'BUY' ? 2 : -2);
        expect(await positionOf(legs[1]!.contract)).toBe(legs[1]!.action === 'BUY' ? 2 : -2);
        const final = recorder.statuses(ref).at(-1)!;
        expect(final.averageFillPrice).toBeDefined();
        expect(final.averageFillPrice!).toBeLessThanOrEqual(1.1 + 1e-9);
      });

      it('when a combo fills, then no status ever reports a unit whose legs did not all fill', async () => {
        const ref = await place({ instrument: harness.combo, limitPrice: 1.1, quantity: 3 });
        await settleUntil(() => recorder.lastState(ref) === 'FILLED');
        const perLeg = harness.combo.legs.map(() => 0);
        for (const event of recorder.events) {
          if (event.type === 'execution' && event.execution.clientOrderRef === ref) perLeg[event.execution.legIndex!]! += event.execution.quantity;
          if (event.type === 'order-status' && event.status.clientOrderRef === ref) {
            harness.combo.legs.forEach((leg, index) => expect(perLeg[index]).toBeGreaterThanOrEqual(event.status.filledQuantity * leg.ratio));
          }
        }
        const units = harness.combo.legs.map((leg, index) => perLeg[index]! / leg.ratio);
        expect(new Set(units).size).toBe(1);
      });

      it('when a combo limit is not reached, then no leg fills at all', async () => {
        const ref = await place({ instrument: harness.combo, limitPrice: 0.5, quantity: 1 });
        await settle();
        await settle();
        expect(recorder.executions(ref)).toEqual([]);
        expect(await positionOf(harness.option)).toBe(0);
        expect(await positionOf(harness.otherOption)).toBe(0);
      });
    });

    describe('brackets and OCA groups', () => {
      function bracket(parentLimit: number) {
        return {
          parent: request(harness.option, { action: 'BUY', limitPrice: parentLimit }),
          takeProfit: request(harness.option, { action: 'SELL', limitPrice: 3.0, tif: 'GTC' }),
          stopLoss: request(harness.option, { action: 'SELL', type: 'STP', stopPrice: 1.5, tif: 'GTC' }),
        };
      }

      it('when the parent has not filled, then the children are held and do not fill', async () => {
        const order = bracket(1.0);
        await broker().placeBracketOrder(order);
        await settle();
        await harness.setQuote(harness.option, { bid: 3.05, ask: 3.15, bidSize: 50, askSize: 50 });
        await settle();
        expect(recorder.executions(order.takeProfit.clientOrderRef)).toEqual([]);
        expect(recorder.executions(order.stopLoss.clientOrderRef)).toEqual([]);
        expect(await positionOf(harness.option)).toBe(0);
      });

      it('when the parent fills and the take-profit fills, then the stop-loss is cancelled and the position is flat', async () => {
        const order = bracket(2.1);
        await broker().placeBracketOrder(order);
        await settleUntil(() => recorder.lastState(order.parent.clientOrderRef) === 'FILLED');
        expect(await positionOf(harness.option)).toBe(1);
        await harness.setQuote(harness.option, { bid: 3.05, ask: 3.15, bidSize: 50, askSize: 50 });
        await settleUntil(() => recorder.lastState(order.stopLoss.clientOrderRef) === 'CANCELLED');
        expect(recorder.lastState(order.takeProfit.clientOrderRef)).toBe('FILLED');
        expect(recorder.lastState(order.stopLoss.clientOrderRef)).toBe('CANCELLED');
        expect(await positionOf(harness.option)).toBe(0);
      });

      it('when the parent is cancelled, then its children are cancelled too', async () => {
        const order = bracket(1.0);
        await broker().placeBracketOrder(order);
        await settle();
        await broker().cancelOrder(order.parent.clientOrderRef);
        await settleUntil(() => recorder.lastState(order.stopLoss.clientOrderRef) === 'CANCELLED');
        for (const child of [order.parent, order.takeProfit, order.stopLoss]) expect(recorder.lastState(child.clientOrderRef)).toBe('CANCELLED');
      });

      it('when one member of an OCA group fills, then the others are cancelled', async () => {
        const first = await place({ instrument: harness.option, limitPrice: 1.5, ocaGroup: 'contract-oca' });
        const second = await place({ instrument: harness.otherOption, limitPrice: 0.5, ocaGroup: 'contract-oca' });
        await settle();
        await harness.setQuote(harness.option, { bid: 1.4, ask: 1.5, bidSize: 50, askSize: 50 });
        await settleUntil(() => recorder.lastState(second) === 'CANCELLED');
        expect(recorder.lastState(first)).toBe('FILLED');
        expect(recorder.lastState(second)).toBe('CANCELLED');
        expect(recorder.executions(second)).toEqual([]);
      });
    });

    describe('account and executions', () => {
      it('when orders fill, then cash moves by exactly the fill values and commissions and executions can be queried', async () => {
        const before = await broker().accountSummary();
        const since = before.updatedAt;
        const buy = await place({ instrument: harness.option, type: 'MKT', quantity: 3 });
        await settleUntil(() => recorder.lastState(buy) === 'FILLED');
        const sell = await place({ instrument: harness.option, type: 'MKT', action: 'SELL', quantity: 1 });
        await settleUntil(() => recorder.lastState(sell) === 'FILLED');
        await settle();
        const executions = await broker().executions(since);
        expect(executions.map((execution) => execution.clientOrderRef).sort()).toEqual(
          recorder.executions().map((execution) => execution.clientOrderRef).sort(),
        );
        const commissions = executions.map((execution) => execution.commission);
        expect(commissions.every((commission) => commission !== undefined && commission > 0)).toBe(true);
        const flows: Money[] = executions.map((execution) => {
          const value = multiplyByInteger(fromDollars(execution.price), execution.quantity * 100);
          return execution.action === 'BUY' ? negate(value) : value;
        });
        const expectedCash = subtract(add(before.cash, sum(flows)), sum(commissions as Money[]));
        const after = await broker().accountSummary();
        expect(after.cash).toBe(expectedCash);
        expect(await positionOf(harness.option)).toBe(2);
      });

      it('when a what-if is asked, then it previews margin and commission without placing an order', async () => {
        const order = request(harness.option, { limitPrice: 2.1, quantity: 2 });
        const preview = await broker().whatIf(order);
        expect(preview.commission).toBeGreaterThan(0);
        expect(preview.rejectReason).toBeUndefined();
        await settle();
        expect(recorder.statuses(order.clientOrderRef)).toEqual([]);
        expect((await broker().openOrders()).map((open) => open.clientOrderRef)).not.toContain(order.clientOrderRef);
      });
    });

    describe('rejections', () => {
      it('when the contract is unknown, then the order is rejected with a reason naming it', async () => {
        const ref = await place({ instrument: harness.unknownOption, limitPrice: 1.0 });
        await settle();
        const last = recorder.statuses(ref).at(-1);
        expect(last?.state).toBe('REJECTED');
        expect(last?.reason ?? '').toMatch(/contract/i);
      });

      it('when the order would exceed buying power, then it is rejected with that reason', async () => {
        const ref = await place({ instrument: harness.option, limitPrice: 2.1, quantity: 1_000_000 });
        await settle();
        const last = recorder.statuses(ref).at(-1);
        expect(last?.state).toBe('REJECTED');
        expect(last?.reason ?? '').toMatch(/buying power/i);
      });

      it('when a limit price is negative, then the order is rejected with a price reason', async () => {
        const ref = await place({ instrument: harness.option, limitPrice: -1 });
        await settle();
        const last = recorder.statuses(ref).at(-1);
        expect(last?.state).toBe('REJECTED');
        expect(last?.reason ?? '').toMatch(/price/i);
      });

      it('when a client order ref is reused, then the second order is refused as not sent', async () => {
        const order = request(harness.option, { limitPrice: 1.0 });
        await broker().placeOrder(order);
        const error = await broker().placeOrder({ ...order, limitPrice: 1.05 }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(BrokerRequestError);
        expect((error as BrokerRequestError).sendOutcome).toBe('not-sent');
      });
    });
  });
}
