/**
 * A fake console environment for the console's unit tests (not used by the app): a clock that
 * tests move by hand as telemetry would, recorded steps and applied actions.
 */
import type { CommandResult, ReplicationStatus } from '../../engine/api.ts';
import type { Action } from '../../model/scenario.ts';
import type { Topology } from '../../model/topology.ts';
import type { RunState } from '../store/sim-types.ts';
import type { ConsoleEnv, EngineClock } from './cci-context.ts';

export const FAKE_TOPOLOGY: Topology = {
  version: 2,
  name: 't',
  sites: [{ id: 'main', name: 'Main', kind: 'main' }],
  devices: [],
  links: [],
  copyGroups: [],
  backup: { freeVolumes: [], policies: [] },
};

export class FakeEnv implements ConsoleEnv {
  clockNow: EngineClock;
  steps: number[] = [];
  applied: Action[] = [];
  listeners = new Set<() => void>();
  result: CommandResult = { ok: true };
  status: ReplicationStatus | null = null;

  constructor(runState: RunState, nowS = 0, endS = 100) {
    this.clockNow = { nowS, endS, runState };
  }
  topology = () => FAKE_TOPOLOGY;
  clock = () => this.clockNow;
  watchClock(listener: () => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  /** What a telemetry batch does: move the clock and tell the store's subscribers. */
  tick(patch: Partial<EngineClock>) {
    this.clockNow = { ...this.clockNow, ...patch };
    for (const l of [...this.listeners]) l();
  }
  async apply(action: Action) {
    this.applied.push(action);
    return this.result;
  }
  replication = async () => this.status;
  async step(seconds: number) {
    this.steps.push(seconds);
    this.clockNow = { ...this.clockNow, nowS: this.clockNow.nowS + seconds, runState: 'paused' };
  }
  refreshClock = async () => {};
}
