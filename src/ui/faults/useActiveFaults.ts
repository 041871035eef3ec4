/**
 * Narrow selectors of the fault status the worker bridge keeps in the simulation slice
 * (`sim.faults`, FaultStatus | null): the active faults (same array until they change: the slice
 * shares structure between batches) and the run phase fault commands need.
 */
import type { ActiveFault } from '../../engine/api.ts';
import { useStore } from '../store/index.ts';
import { runPhaseOf, type RunPhase } from './fault-commands.ts';

const NONE: readonly ActiveFault[] = [];

export function useActiveFaults(): readonly ActiveFault[] {
  return useStore((s) => s.sim.faults?.faults ?? NONE);
}

export function useRunPhase(): RunPhase {
  return useStore((s) => runPhaseOf(s.sim.runState));
}
