/**
 * Record mode for the designer and the inspector: while recording a run that has started, a
 * design edit is not committed (the design is the run's t=0 state, and committing would reload
 * the run from t=0); its runtime equivalent (live-edits.ts) is applied to the running emulation
 * through the worker bridge and recorded (`designer: …` on the timeline).
 *
 *   edit ──► recording and the run started? ── no ──► commit as always
 *                 │ yes
 *                 ▼
 *   liveEditActions(design, edit) ── []   ──► commit (positions only: the run keeps going)
 *                 │               ── null ──► refused (lastError): the run and the recording stay
 *                 ▼ actions
 *   minus what the run already has ──► apply in order ──► record the accepted ones + notice
 *
 * Owns: the commit interceptor (design-slice.ts `setCommitInterceptor`) and the live view of
 * the run's topology for this run generation (the design with the edits applied so far), so an
 * edit committed twice (Enter, then blur) is applied and recorded once. A reset or reload
 * (a new generation) starts again from the design.
 * Does not own: the recording buffer (console-store.ts), the actions' engine semantics.
 * Undo and redo pass through it too (an undo of a workload edit made before recording becomes a
 * live `setWorkload`; one with no runtime equivalent is refused). Not intercepted: opening a
 * document, drags (positions only anyway).
 */
import type { CommandResult } from '../../engine/api.ts';
import type { Action, Scenario } from '../../model/scenario.ts';
import type { Topology } from '../../model/topology.ts';
import { useConsole } from '../console/console-store.ts';
import { getBridge } from '../sim/bridge.ts';
import { setCommitInterceptor } from '../store/design-slice.ts';
import { useStore } from '../store/index.ts';
import type { RunState } from '../store/sim-types.ts';
import { liveEditLabel } from './live-edit-label.ts';
import { liveEditActions, sameData } from './live-edits.ts';
import { applyLiveActions, runtimeView } from './live-topology.ts';

export const REFUSED_WHILE_RECORDING =
  'While recording, only changes the running emulation can take are allowed: workload settings, zoning and LUN security. Stop recording to change the design.';

export interface LiveEditDeps {
  apply(action: Action): Promise<CommandResult>;
}

/** The run's topology as far as live edits go, for one run generation. */
let live: { generation: number; topology: Topology } | null = null;

/** Whether a run is under way: loaded and moved off t=0 (or playing). */
export function runUnderWay(runState: RunState, nowS: number): boolean {
  return runState === 'playing' || runState === 'paused' || runState === 'finished' || (runState === 'ready' && nowS > 0);
}

function liveTopology(design: Topology, generation: number): Topology {
  if (live === null || live.generation !== generation) live = { generation, topology: design };
  return live.topology;
}

/** Whether `next` differs from `current` outside the topology (name, timeline, runbooks …). */
function changesMoreThanTopology(current: Scenario, next: Scenario): boolean {
  const keys = new Set([...Object.keys(current), ...Object.keys(next)]) as Set<keyof Scenario>;
  keys.delete('topology');
  return [...keys].some((k) => current[k] !== next[k]);
}

/** The actions the run does not have yet: `actions` applied to `run`, diffed back against it. */
function stillNeeded(run: Topology, actions: readonly Action[]): { actions: Action[]; after: Topology } {
  const after = applyLiveActions(run, actions);
  if (sameData(runtimeView(run), runtimeView(after))) return { actions: [], after: run };
  return { actions: liveEditActions(run, after) ?? [...actions], after };
}

async function applyInOrder(deps: LiveEditDeps, actions: readonly Action[]): Promise<{ applied: Action[]; failure: string | null }> {
  const applied: Action[] = [];
  for (const action of actions) {
    try {
      const result = await deps.apply(action);
      if (!result.ok) return { applied, failure: result.message ?? `${action.type} was refused` };
      if (result.redundant !== true) applied.push(action);
    } catch (err) {
      return { applied, failure: err instanceof Error ? err.message : String(err) };
    }
  }
  return { applied, failure: null };
}

/** Apply to the run, then record what it accepted and say so; resolves when done. */
async function applyAndRecord(deps: LiveEditDeps, before: Topology, optimistic: Topology, generation: number, atS: number, actions: Action[]): Promise<void> {
  const { applied, failure } = await applyInOrder(deps, actions);
  if (failure !== null && live?.generation === generation && live.topology === optimistic) {
    live = { generation, topology: applyLiveActions(before, applied) };
  }
  const store = useStore.getState();
  const label = liveEditLabel(before, applied);
  if (applied.length > 0 && useConsole.getState().recording) useConsole.getState().record(label, atS, applied, 'designer');
  if (failure !== null) {
    store.setError(`The running emulation refused the edit: ${failure}${applied.length > 0 ? ` (recorded before it: ${label})` : ''}`);
    return;
  }
  store.setNotice(`Recorded at ${atS.toFixed(1)} s: ${label} — applied to the running emulation; the design at t=0 is unchanged`);
}

/** Pending apply of the last intercepted edit (tests and callers that need to wait). */
let pending: Promise<void> = Promise.resolve();

export function settled(): Promise<void> {
  return pending;
}

/**
 * The commit interceptor: true when the edit was taken (applied to the run, or refused), false
 * to let the design slice commit it.
 */
export function interceptEdit(deps: LiveEditDeps, current: Scenario, next: Scenario): boolean {
  const { sim } = useStore.getState();
  if (!useConsole.getState().recording || !runUnderWay(sim.runState, sim.nowS)) return false;
  const actions = changesMoreThanTopology(current, next) ? null : liveEditActions(current.topology, next.topology);
  if (actions === null) {
    useStore.getState().setError(REFUSED_WHILE_RECORDING);
    return true;
  }
  if (actions.length === 0) return false;
  const run = liveTopology(current.topology, sim.generation);
  const needed = stillNeeded(run, actions);
  // The run has it already (the same field committed again on blur): nothing to apply or say.
  if (needed.actions.length === 0) return true;
  live = { generation: sim.generation, topology: needed.after };
  pending = applyAndRecord(deps, run, needed.after, sim.generation, sim.nowS, needed.actions);
  return true;
}

/** Forget the live view (tests; the next edit starts again from the design). */
export function resetLiveView(): void {
  live = null;
}

/** Install the interceptor for the app (called once at start-up); `deps` default to the worker bridge. */
export function installLiveEditRecording(deps: LiveEditDeps = { apply: (a) => getBridge().apply(a) }): () => void {
  setCommitInterceptor((current, next) => interceptEdit(deps, current, next));
  return () => setCommitInterceptor(null);
}
