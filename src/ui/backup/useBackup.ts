/**
 * Narrow selectors over the sim slice's backup status: one job, library or runbook by id, the
 * id lists, the schedule and the catalog. The status is shared structurally between batches
 * (sim-slice `shareStructure`), so a row re-renders only when its own part changed. Id lists are
 * selected as one joined string, so a list re-renders only when its membership changes.
 */
import type { BackupStatus, CatalogEntry, JobStatus, LibraryStatus, RunbookStatus, ScheduledJob } from '../../engine/api.ts';
import type { Runbook } from '../../model/scenario.ts';
import { useStore } from '../store/index.ts';
import { isJobRunning } from './backup-format.ts';

const NO_SCHEDULE: readonly ScheduledJob[] = [];
const NO_CATALOG: readonly CatalogEntry[] = [];
const NO_RUNBOOKS: readonly RunbookStatus[] = [];
const NO_DEFS: readonly Runbook[] = [];

function ids(list: readonly { id: string }[] | undefined): string[] {
  return list && list.length > 0 ? list.map((x) => x.id) : [];
}

function splitIds(joined: string): string[] {
  return joined === '' ? [] : joined.split('\n');
}

export function useBackupLoaded(): boolean {
  return useStore((s) => s.sim.backup !== null);
}

export function useClockStart(): string {
  return useStore((s) => s.sim.backup?.clockStart ?? s.scenario.clockStart ?? '00:00');
}

export function useJobIds(): string[] {
  return splitIds(useStore((s) => ids(s.sim.backup?.jobs).join('\n')));
}

export function useJob(id: string): JobStatus | undefined {
  return useStore((s) => s.sim.backup?.jobs.find((j) => j.id === id));
}

export function useLibraryIds(): string[] {
  return splitIds(useStore((s) => ids(s.sim.backup?.libraries).join('\n')));
}

export function useLibrary(id: string): LibraryStatus | undefined {
  return useStore((s) => s.sim.backup?.libraries.find((l) => l.id === id));
}

export function useRunbookStatuses(): readonly RunbookStatus[] {
  return useStore((s) => s.sim.backup?.runbooks ?? NO_RUNBOOKS);
}

/** The runbooks the loaded scenario defines (startable before the engine reports them). */
export function useRunbookDefs(): readonly Runbook[] {
  return useStore((s) => s.scenario.runbooks ?? NO_DEFS);
}

export function useSchedule(): readonly ScheduledJob[] {
  return useStore((s) => s.sim.backup?.schedule ?? NO_SCHEDULE);
}

export function useCatalog(): readonly CatalogEntry[] {
  return useStore((s) => s.sim.backup?.catalog ?? NO_CATALOG);
}

/** Jobs holding or moving a drive now (the count on the tab). */
export function runningJobCount(b: BackupStatus | null): number {
  return b ? b.jobs.filter((j) => isJobRunning(j.state)).length : 0;
}

/** Simulated seconds now (re-renders ~4×/s while playing: use in small leaf components only). */
export function useNowS(): number {
  return useStore((s) => s.sim.nowS);
}
