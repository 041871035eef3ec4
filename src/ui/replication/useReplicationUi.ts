/**
 * Transient replication UI state, neither document nor simulation: which pair's bitmap view is
 * open, the command options of the pair panel (pace, split mode, S-VOL read-only), and the last
 * result of a command per target (`G` or `G/d1`). A small zustand store of its own, so the
 * design's undo history and autosave never see it.
 */
import { create } from 'zustand';
import { DEFAULT_OPTIONS, type CommandOptions, type ResultNote } from './pair-commands.ts';

interface ReplicationUiState {
  bitmapKey: string | null;
  options: CommandOptions;
  notes: Readonly<Record<string, ResultNote>>;
  /** The newest note of any target (announced in the panel's live region). */
  lastNote: (ResultNote & { target: string }) | null;
  openBitmap(key: string): void;
  closeBitmap(): void;
  setOptions(patch: Partial<CommandOptions>): void;
  setNote(target: string, note: ResultNote): void;
}

export const useReplicationUi = create<ReplicationUiState>()((set) => ({
  bitmapKey: null,
  options: DEFAULT_OPTIONS,
  notes: {},
  lastNote: null,
  openBitmap: (key) => set({ bitmapKey: key }),
  closeBitmap: () => set({ bitmapKey: null }),
  setOptions: (patch) => set((s) => ({ options: { ...s.options, ...patch } })),
  setNote: (target, note) => set((s) => ({ notes: { ...s.notes, [target]: note }, lastNote: { ...note, target } })),
}));
