/**
 * The sim slice and the monitoring console: the fault status of the newest batch, shared
 * structurally between batches (an unchanged alert or parity group keeps its identity), cleared on
 * a load and on a new generation; and the per-LDEV run totals summed over every frame of a run.
 */
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { TelemetryFrame } from '../../engine/api.ts';
import type { Scenario } from '../../model/scenario.ts';
import type { HostStatus, TelemetryMessage } from '../../worker/engine-api.ts';
import { alert, group, healthy, linkCut } from '../monitor/monitor-fixtures.ts';
import { createSimSlice, type SimSlice } from './sim-slice.ts';
import { volumeMeans } from './volume-totals.ts';

const status = (generation: number, nowS: number): HostStatus => ({ runState: 'playing', nowUs: nowS * 1e6, endUs: 3600e6, generation });

function message(generation: number, nowS: number, parts: Partial<TelemetryMessage> = {}): TelemetryMessage {
  return { frame: null, status: status(generation, nowS), replication: null, backup: null, remote: null, ...parts };
}

function frame(fromS: number, rows: number, readIops: number): TelemetryFrame {
  const col = (v: number) => new Float64Array(rows).fill(v);
  return {
    timesS: Float64Array.from({ length: rows }, (_, r) => fromS + r + 1),
    ldevIds: ['v1'],
    linkIds: [],
    readIops: col(readIops),
    writeIops: col(0),
    cacheHitPct: col(50),
    responseMsMean: col(2),
    linkUtilPct: new Float64Array(0),
    rejected: col(0),
    remoteKeys: [],
    remoteLagS: new Float64Array(0),
    remoteLagWrites: new Float64Array(0),
    remoteJournalPct: new Float64Array(0),
    wanIds: [],
    wanThroughputMBps: new Float64Array(0),
  };
}

const EMPTY = { topology: { devices: [], copyGroups: [] }, timeline: [], runbooks: [] } as unknown as Scenario;

function store() {
  return create<SimSlice>()((...a) => createSimSlice(...a));
}

describe('sim slice › faults', () => {
  it('keeps the fault status of the newest batch and clears it on a new generation and on a load', () => {
    const s = store();
    expect(s.getState().sim.faults).toBeNull();
    s.getState().simActions.simTelemetry(message(1, 1, { faults: linkCut() }));
    expect(s.getState().sim.faults?.health).toEqual({ l1: 'failed', srv1: 'degraded' });
    s.getState().simActions.simTelemetry(message(0, 9, { faults: healthy() }));
    expect(s.getState().sim.faults?.alertCount).toBe(4); // a stale generation is dropped
    s.getState().simActions.simTelemetry(message(2, 0));
    expect(s.getState().sim.faults).toBeNull();
    s.getState().simActions.simTelemetry(message(2, 1, { faults: linkCut() }));
    s.getState().simActions.simLoading(EMPTY);
    expect(s.getState().sim.faults).toBeNull();
  });

  it('keeps the identity of every unchanged alert and parity group, and of the whole state when nothing changed', () => {
    const s = store();
    s.getState().simActions.simTelemetry(message(1, 1, { faults: linkCut() }));
    const first = s.getState().sim.faults!;
    const more = linkCut();
    more.alerts.push(alert(5));
    more.alertCount = 5;
    more.parityGroups[0] = group({ utilPct: 70 });
    s.getState().simActions.simTelemetry(message(1, 2, { faults: more }));
    const second = s.getState().sim.faults!;
    expect(second).not.toBe(first);
    expect(second.alerts.slice(0, 4).every((a, i) => a === first.alerts[i])).toBe(true);
    expect(second.alerts[4].seq).toBe(5);
    expect(second.parityGroups[0]).not.toBe(first.parityGroups[0]);
    expect(second.parityGroups[1]).toBe(first.parityGroups[1]);
    expect(second.health).toBe(first.health);
    const sim = s.getState().sim;
    const again = linkCut();
    again.alerts.push(alert(5));
    again.alertCount = 5;
    again.parityGroups[0] = group({ utilPct: 70 });
    s.getState().simActions.simTelemetry(message(1, 2, { faults: again }));
    expect(s.getState().sim).toBe(sim);
  });
});

describe('sim slice › run totals', () => {
  it('sums every frame of the run (beyond the 600-sample chart window) and starts over on a new run', () => {
    const s = store();
    s.getState().simActions.simTelemetry(message(1, 500, { frame: frame(0, 500, 100) }));
    s.getState().simActions.simTelemetry(message(1, 1000, { frame: frame(500, 500, 400) }));
    expect(s.getState().sim.series.length).toBe(600);
    expect(s.getState().sim.volumeTotals.samples).toBe(1000);
    expect(volumeMeans(s.getState().sim.volumeTotals, 'v1')).toEqual({ iops: 250, readPct: 100, cacheHitPct: 50, responseMs: 2 });
    s.getState().simActions.simTelemetry(message(2, 0));
    expect(s.getState().sim.volumeTotals.samples).toBe(0);
    s.getState().simActions.simTelemetry(message(2, 3, { frame: frame(0, 3, 10) }));
    expect(volumeMeans(s.getState().sim.volumeTotals, 'v1').iops).toBe(10);
    s.getState().simActions.simLoading(EMPTY);
    expect(s.getState().sim.volumeTotals.samples).toBe(0);
  });
});
