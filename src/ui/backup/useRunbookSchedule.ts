/**
 * The scheduled runbooks' occurrences (SAN patent Fig. 21) from the sim slice's backup status,
 * in the order they fire; an empty list before the engine reports.
 */
import type { ScheduledRunbook } from '../../engine/api.ts';
import { useStore } from '../store/index.ts';

const NONE: readonly ScheduledRunbook[] = [];

export function useRunbookSchedule(): readonly ScheduledRunbook[] {
  return useStore((s) => s.sim.backup?.runbookSchedule ?? NONE);
}
