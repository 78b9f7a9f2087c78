import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BarSizeSetting,
  EventName,
  IBApi,
  SecType,
  type Contract,
  type ContractDetails,
} from '@stoqey/ib';
import { ManualClock } from '../../../engine/clock';
import { TwsSimulator } from './tws-simulator';
import { formatIbUtc } from './ib-time';
import { settle, waitFor } from './ib-test-support';

/** Tuesday 2024-03-05 10:00 ET (EST, UTC−5). */
const T0 = Date.UTC(2024, 2, 5, 15, 0);
const HOUR = 3_600_000;

interface Seen {
  errors: { code: number; reqId: number; message: string }[];
  infos: { code: number; message: string }[];
}

describe('TWS simulator with the real @stoqey/ib client', () => {
  let clock: ManualClock;
  let sim: TwsSimulator;
  let ib: IBApi;
  let seen: Seen;

  beforeEach(async () => {
    clock = new ManualClock(T0);
    sim = await TwsSimulator.start({ clock, seed: 42 });
    ib = new IBApi({ host: '127.0.0.1', port: sim.port, maxReqPerSec: 1000 });
    seen = { errors: [], infos: [] };
    ib.on(EventName.error, (err: Error, code: number, reqId: number) =>
      seen.errors.push({ code, reqId, message: err.message }),
    );
    ib.on(EventName.info, (message: string, code: number) => seen.infos.push({ code, message }));
    let ready = false;
    ib.once(EventName.nextValidId, () => (ready = true));
    ib.connect(3);
    await waitFor(() => ready, 'nextValidId');
  });

  afterEach(async () => {
    ib.removeAllListeners();
    ib.disconnect();
    await sim.close();
    // A decoding mismatch surfaces as error 505 from the client's decoder.
    expect(seen.errors.filter((e) => e.code === 505)).toEqual([]);
  });

  it('completes the handshake at server version 176 and reports the managed account', async () => {
    expect(ib.serverVersion).toBe(176);
    expect(sim.connectionCount).toBe(1);
    expect(sim.requests[0]?.name).toBe('START_API');
    expect(sim.requests[0]?.fields[2]).toBe('3');
    await waitFor(() => seen.infos.some((i) => i.code === 2104), 'farm status 2104');
  });

  it('lists the NQ quarterly months with conId, multiplier 20 and tick 0.25', async () => {
    const details: ContractDetails[] = [];
    let done = false;
    ib.on(EventName.contractDetails, (_reqId: number, d: ContractDetails) => details.push(d));
    ib.on(EventName.contractDetailsEnd, () => (done = true));
    ib.reqContractDetails(7, {
      symbol: 'NQ',
      secType: SecType.FUT,
      exchange: 'CME',
      currency: 'USD',
    });
    await waitFor(() => done, 'contractDetailsEnd');
    expect(details.map((d) => d.contract.localSymbol)).toEqual(['NQH4', 'NQM4', 'NQU4', 'NQZ4']);
    const front = details[0];
    expect(front?.contract.lastTradeDateOrContractMonth).toBe('20240315');
    expect(front?.contract.multiplier).toBe(20);
    expect(front?.minTick).toBe(0.25);
    expect(front?.contract.conId).toBe(sim.contracts[0]?.conId);
  });

  it('answers 1-minute history in epoch seconds, equal to the ground truth', async () => {
    const contract: Contract = { conId: sim.contracts[0]?.conId, exchange: 'CME' };
    const bars: {
      time: number;
      open: number;
      high: number;
      low: number;
      close: number;
      volume: number;
    }[] = [];
    let finished = false;
    ib.on(EventName.historicalData, (_id, time, open, high, low, close, volume) => {
      if (time.startsWith('finished')) finished = true;
      else bars.push({ time: Number(time) * 1000, open, high, low, close, volume });
    });
    const end = T0 - HOUR;
    ib.reqHistoricalData(
      9,
      contract,
      formatIbUtc(end),
      '3600 S',
      BarSizeSetting.MINUTES_ONE,
      'TRADES',
      0,
      2,
      false,
    );
    await waitFor(() => finished, 'historical data');
    expect(bars).toHaveLength(60);
    expect(bars).toEqual(sim.groundTruth(end - HOUR, end));
    const req = sim.historicalRequests[0];
    expect(req).toMatchObject({
      reqId: 9,
      duration: '3600 S',
      barSize: '1 min',
      formatDate: 2,
      end,
    });
  });

  it('streams 5-second bars as the clock passes each bar end and stops after cancel', async () => {
    const got: number[] = [];
    ib.on(EventName.realtimeBar, (_id: number, time: number) => got.push(time));
    ib.reqRealTimeBars(11, { conId: sim.contracts[0]?.conId, exchange: 'CME' }, 5, 'TRADES', false);
    await waitFor(() => sim.realtimeSubscriptions === 1, 'subscription');
    clock.advanceTo(T0 + 10_000);
    await waitFor(() => got.length === 2, 'two bars');
    expect(got).toEqual([T0 / 1000, T0 / 1000 + 5]);
    ib.cancelRealTimeBars(11);
    await waitFor(() => sim.realtimeSubscriptions === 0, 'cancel');
    clock.advanceTo(T0 + 30_000);
    await settle(10);
    expect(got).toHaveLength(2);
  });

  it('sends system codes as info and request errors, including a scripted 162, as errors', async () => {
    sim.sendError(-1, 1100, 'Connectivity between IB and Trader Workstation has been lost.');
    await waitFor(() => seen.infos.some((i) => i.code === 1100), 'info 1100');
    sim.failNextHistorical(162);
    const contract: Contract = { conId: sim.contracts[0]?.conId, exchange: 'CME' };
    ib.reqHistoricalData(
      5,
      contract,
      formatIbUtc(T0),
      '60 S',
      BarSizeSetting.MINUTES_ONE,
      'TRADES',
      0,
      2,
      false,
    );
    await waitFor(() => seen.errors.some((e) => e.code === 162), 'error 162');
    const e162 = seen.errors.find((e) => e.code === 162);
    expect(e162?.reqId).toBe(5);
    expect(e162?.message).toMatch(/pacing violation/);
  });

  it('resets the socket on dropConnections and accepts a reconnect', async () => {
    let disconnected = false;
    ib.once(EventName.disconnected, () => (disconnected = true));
    sim.dropConnections();
    await waitFor(() => disconnected, 'disconnect');
    expect(sim.connectionCount).toBe(0);
    let ready = false;
    ib.once(EventName.nextValidId, () => (ready = true));
    ib.connect(3);
    await waitFor(() => ready, 'reconnect');
    expect(sim.connectionCount).toBe(1);
  });
});
