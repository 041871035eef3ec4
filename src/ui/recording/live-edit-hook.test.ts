/**
 * The live-edit hook against the app's store and the console's recording, with a fake engine:
 * when an edit commits, when it goes to the run instead (applied once, recorded as `designer`),
 * when it is refused, and that "Add to timeline" still works while recording.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandResult } from '../../engine/api.ts';
import { Scenario, type Action } from '../../model/scenario.ts';
import { twoSiteTopology } from '../../model/test-fixtures.ts';
import type { Topology, Workload } from '../../model/topology.ts';
import { addRecordingToTimeline } from '../console/console-session.ts';
import { useConsole } from '../console/console-store.ts';
import { useStore } from '../store/index.ts';
import type { RunState } from '../store/sim-types.ts';
import { installLiveEditRecording, REFUSED_WHILE_RECORDING, resetLiveView, runUnderWay, settled } from './live-edit-hook.ts';

let applied: Action[] = [];
let answer: CommandResult = { ok: true };
let uninstall: () => void = () => {};

beforeAll(() => {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) });
});
afterAll(() => vi.unstubAllGlobals());

beforeEach(() => {
  applied = [];
  answer = { ok: true };
  resetLiveView();
  uninstall = installLiveEditRecording({
    apply: async (a) => {
      applied.push(a);
      return answer;
    },
  });
  useStore.getState().loadScenario(Scenario.parse({ version: 2, kind: 'sandbox-scenario', name: 'hook', seed: 1, durationS: 120, topology: twoSiteTopology() }));
  useConsole.setState({ recording: true, recorded: [] });
  setRun('paused', 12.5, 1);
});
afterEach(() => uninstall());

function setRun(runState: RunState, nowS: number, generation: number): void {
  useStore.setState((s) => ({ sim: { ...s.sim, runState, nowS, generation } }));
}

function editWorkload(fn: (w: Workload) => Workload): void {
  useStore.getState().updateDevice('s1', (d) => (d.kind === 'server' ? { ...d, workloads: d.workloads.map(fn) } : d));
}

const workload = () => (useStore.getState().scenario.topology.devices.find((d) => d.id === 's1') as Extract<Topology['devices'][number], { kind: 'server' }>).workloads[0];
const setBs = { type: 'setWorkload', serverId: 's1', workloadId: 'w1', changes: { bs: '64k' } };

describe('live edit hook › when edits commit as always', () => {
  it('commits when not recording, or when the run has not started', async () => {
    useConsole.setState({ recording: false });
    editWorkload((w) => ({ ...w, bs: '64k' }));
    expect(workload().bs).toBe('64k');
    useConsole.setState({ recording: true });
    setRun('ready', 0, 2);
    editWorkload((w) => ({ ...w, bs: '8k' }));
    expect(workload().bs).toBe('8k');
    await settled();
    expect(applied).toEqual([]);
  });

  it('commits a move (positions only) while recording, and the run keeps going', () => {
    const before = useStore.getState().revision;
    useStore.getState().updateDevice('s2', (d) => ({ ...d, position: { x: 999, y: 1 } }));
    expect(useStore.getState().revision).toBe(before + 1);
    expect(useStore.getState().lastError).toBeNull();
  });

  it('tells when a run is under way', () => {
    expect(runUnderWay('ready', 0)).toBe(false);
    expect(runUnderWay('idle', 0)).toBe(false);
    expect(runUnderWay('loading', 3)).toBe(false);
    expect(runUnderWay('ready', 3)).toBe(true);
    expect(runUnderWay('playing', 0)).toBe(true);
    expect(runUnderWay('finished', 120)).toBe(true);
  });
});

describe('live edit hook › while recording a run', () => {
  it('applies a workload edit to the run, records it as designer, and leaves the design at t=0', async () => {
    const revision = useStore.getState().revision;
    editWorkload((w) => ({ ...w, bs: '64k' }));
    expect(workload().bs).toBe('4k');
    expect(useStore.getState().revision).toBe(revision);
    await settled();
    expect(applied).toEqual([setBs]);
    expect(useConsole.getState().recorded).toEqual([{ line: 's1/w1 bs 4k → 64k', source: 'designer', atS: 12.5, actions: [setBs] }]);
    expect(useStore.getState().notice).toBe('Recorded at 12.5 s: s1/w1 bs 4k → 64k — applied to the running emulation; the design at t=0 is unchanged');
  });

  it('applies and records an edit committed twice (Enter, then blur) once', async () => {
    editWorkload((w) => ({ ...w, bs: '64k' }));
    editWorkload((w) => ({ ...w, bs: '64k' }));
    await settled();
    expect(applied).toHaveLength(1);
    expect(useConsole.getState().recorded).toHaveLength(1);
    expect(useStore.getState().notice).toMatch(/^Recorded at 12.5 s: s1\/w1 bs 4k → 64k/);
    editWorkload((w) => ({ ...w, rwmixread: 10 }));
    await settled();
    expect(applied.at(-1)).toEqual({ type: 'setWorkload', serverId: 's1', workloadId: 'w1', changes: { rwmixread: 10 } });
  });

  it('starts again from the design after a reset (a new run generation)', async () => {
    editWorkload((w) => ({ ...w, bs: '64k' }));
    await settled();
    setRun('paused', 3, 2);
    editWorkload((w) => ({ ...w, bs: '64k' }));
    await settled();
    expect(applied).toEqual([setBs, setBs]);
  });

  it('refuses an edit with no runtime equivalent, and a timeline edit, so the run is not reloaded', () => {
    const revision = useStore.getState().revision;
    useStore.getState().renameDevice('s1', 'Renamed');
    expect(useStore.getState().lastError).toBe(REFUSED_WHILE_RECORDING);
    useStore.getState().appendTimeline([{ atS: 1, action: setBs as Action }]);
    expect(useStore.getState().revision).toBe(revision);
    expect(useStore.getState().scenario.timeline).toEqual([]);
    expect(applied).toEqual([]);
  });

  it('records nothing when the engine refuses, and says why', async () => {
    answer = { ok: false, message: 's1/w1: bad size' };
    editWorkload((w) => ({ ...w, bs: '64k' }));
    await settled();
    expect(useConsole.getState().recorded).toEqual([]);
    expect(useStore.getState().lastError).toBe('The running emulation refused the edit: s1/w1: bad size');
    // The live view is back where it was: the same edit is tried again.
    answer = { ok: true };
    editWorkload((w) => ({ ...w, bs: '64k' }));
    await settled();
    expect(applied).toHaveLength(2);
  });

  it('adds the recording to the timeline with designer notes (recording stops first)', async () => {
    editWorkload((w) => ({ ...w, bs: '64k' }));
    await settled();
    expect(addRecordingToTimeline()).toBe(true);
    expect(useConsole.getState().recording).toBe(false);
    expect(useStore.getState().scenario.timeline).toEqual([{ atS: 12.5, action: setBs, note: 'designer: s1/w1 bs 4k → 64k' }]);
  });
});

describe('live edit hook › undo and redo while recording a run', () => {
  it('an undo of a workload edit made before recording goes to the run as a live setWorkload; the design stays', async () => {
    useConsole.setState({ recording: false });
    editWorkload((w) => ({ ...w, bs: '64k' }));
    expect(workload().bs).toBe('64k');
    useConsole.setState({ recording: true });
    useStore.getState().undo();
    await settled();
    expect(workload().bs).toBe('64k');
    expect(applied).toEqual([{ type: 'setWorkload', serverId: 's1', workloadId: 'w1', changes: { bs: '4k' } }]);
    expect(useConsole.getState().recorded.map((r) => r.source)).toEqual(['designer']);
    expect(useStore.getState().past).toHaveLength(1);
  });

  it('an undo with no runtime equivalent is refused and the run and history stay', () => {
    useConsole.setState({ recording: false });
    useStore.getState().setScenarioMeta({ name: 'renamed' });
    useConsole.setState({ recording: true });
    useStore.getState().undo();
    expect(useStore.getState().scenario.name).toBe('renamed');
    expect(useStore.getState().lastError).toBe(REFUSED_WHILE_RECORDING);
    expect(applied).toEqual([]);
  });

  it('a pin toggle is a layout change: it commits and records nothing', () => {
    useStore.getState().updateDevice('s1', (d) => ({ ...d, pinned: true }));
    expect(useStore.getState().scenario.topology.devices.find((d) => d.id === 's1')?.pinned).toBe(true);
    expect(applied).toEqual([]);
    expect(useConsole.getState().recorded).toEqual([]);
  });
});
