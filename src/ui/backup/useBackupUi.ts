/**
 * Transient Backup-tab state, neither document nor simulation: which section shows (Runbooks,
 * Jobs & libraries, Schedule, Catalog) and the engine's last answer to a runbook command per
 * runbook. A small zustand store of its own, so the design's undo history and autosave never
 * see it.
 */
import { create } from 'zustand';
import type { RunbookNote } from './runbook-view.ts';

export type BackupSection = 'runbooks' | 'jobs' | 'schedule' | 'catalog';

export const BACKUP_SECTIONS: readonly { id: BackupSection; label: string }[] = [
  { id: 'runbooks', label: 'Runbooks' },
  { id: 'jobs', label: 'Jobs & libraries' },
  { id: 'schedule', label: 'Schedule' },
  { id: 'catalog', label: 'Catalog' },
];

interface BackupUiState {
  section: BackupSection;
  notes: Readonly<Record<string, RunbookNote>>;
  /** The newest note of any runbook (announced in the panel's live region). */
  lastNote: (RunbookNote & { runbook: string }) | null;
  setSection(section: BackupSection): void;
  setNote(runbook: string, note: RunbookNote): void;
}

export const useBackupUi = create<BackupUiState>()((set) => ({
  section: 'runbooks',
  notes: {},
  lastNote: null,
  setSection: (section) => set({ section }),
  setNote: (runbook, note) => set((s) => ({ notes: { ...s.notes, [runbook]: note }, lastNote: { ...note, runbook } })),
}));
