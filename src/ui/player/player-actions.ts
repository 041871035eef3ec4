/**
 * The player's commands: run to a marker's time, and step to the next action. Used by the
 * timeline strip and by `window.sandbox.stepToNextAction` / `runToMarker`, so a person and a
 * script take the same path (the worker bridge, as the run controls do).
 *
 * Invariants: the run ends paused at the marker's time with every action at that time applied
 * (the engine's `runUntil(t)` processes events at times <= t). The engine cannot go back in
 * time, so a marker before now is reached by a reset and a run from 0 — the same document and
 * seed give the same state (determinism), so this is the state the run had there.
 *
 * Does not handle: markers past the run's end (the run stops at the end; `nextMarker` never
 * offers them).
 */
import type { SimBridge } from '../sim/bridge.ts';
import { useStore } from '../store/index.ts';
import { buildMarkers, hasStarted, nextMarker, TIME_EPSILON_S, waitingEntries } from './timeline-model.ts';

export interface PlayerStop {
  /** Where the run stopped, simulated seconds (the marker's time). */
  atS: number;
}

/** Pause and run to `atS`, resetting first when `atS` is behind the clock. */
export async function runToTime(bridge: SimBridge, atS: number): Promise<PlayerStop> {
  const status = await bridge.status();
  const nowS = status.nowUs / 1e6;
  if (hasStarted(status.runState) && atS < nowS - TIME_EPSILON_S) await bridge.reset();
  await bridge.runUntil(atS);
  await bridge.status();
  return { atS };
}

/**
 * Run until the next timeline entry has been carried out: the first marker not yet reached, or an
 * entry waiting on an event that comes first (the engine stops there: `runToNextAction`). Null
 * (nothing run) when no marker is left and nothing waits.
 */
export async function stepToNextAction(bridge: SimBridge): Promise<PlayerStop | null> {
  const status = await bridge.status();
  const { scenario, sim } = useStore.getState();
  const next = nextMarker(buildMarkers(scenario.timeline, scenario.durationS, sim.fired), status.nowUs / 1e6, hasStarted(status.runState));
  const waiting = waitingEntries(scenario.timeline, sim.fired).length > 0;
  if (!next && !waiting) return null;
  await bridge.runToNextAction(next ? next.atS : scenario.durationS);
  const after = await bridge.status();
  return { atS: after.nowUs / 1e6 };
}
