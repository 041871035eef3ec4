/**
 * The player's store reads: the markers of the loaded document's timeline (memoised on the
 * timeline, the duration and the fired triggers, so telemetry does not rebuild them), the entries
 * still waiting on an event, the clock, and whether the
 * run has moved. Plus a tiny UI store for the narration card's open state (page state: not in
 * the design, not persisted, not undoable).
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { useStore } from '../store/index.ts';
import { buildMarkers, hasStarted, waitingEntries, type Marker, type MarkerEntry } from './timeline-model.ts';

export function useMarkers(): Marker[] {
  const timeline = useStore((s) => s.scenario.timeline);
  const durationS = useStore((s) => s.scenario.durationS);
  const fired = useStore((s) => s.sim.fired);
  return useMemo(() => buildMarkers(timeline, durationS, fired), [timeline, durationS, fired]);
}

/** Entries waiting on an event that has not come yet in this run. */
export function useWaiting(): MarkerEntry[] {
  const timeline = useStore((s) => s.scenario.timeline);
  const fired = useStore((s) => s.sim.fired);
  return useMemo(() => waitingEntries(timeline, fired), [timeline, fired]);
}

/** The clock (simulated seconds) and whether the engine has processed events yet. */
export function usePlayhead(): { nowS: number; started: boolean; loaded: boolean } {
  const nowS = useStore((s) => s.sim.nowS);
  const runState = useStore((s) => s.sim.runState);
  return { nowS, started: hasStarted(runState), loaded: runState === 'ready' || hasStarted(runState) };
}

interface PlayerUi {
  narrationOpen: boolean;
  setNarrationOpen(open: boolean): void;
}

export const usePlayerUi = create<PlayerUi>((set) => ({
  narrationOpen: false,
  setNarrationOpen: (narrationOpen) => set({ narrationOpen }),
}));
