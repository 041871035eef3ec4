/**
 * Transient Remote-tab state, neither document nor simulation: the engine's last answer to a
 * command per target (a remote group `group:<key>` or a WAN link `wan:<id>`), the newest of them
 * (announced once in the panel's live region), and which verifications are on their way. A small
 * zustand store of its own, so the design's undo history and autosave never see it.
 */
import { create } from 'zustand';
import type { RemoteNote } from './remote-commands.ts';

export const groupTarget = (key: string) => `group:${key}`;
export const wanTarget = (id: string) => `wan:${id}`;

interface RemoteUiState {
  notes: Readonly<Record<string, RemoteNote>>;
  lastNote: RemoteNote | null;
  /** Remote group keys whose "verify remote" is waiting for the worker's answer. */
  verifying: readonly string[];
  setNote(target: string, note: RemoteNote): void;
  /** Announce without leaving a note (a verdict shows in its own box). */
  announce(note: RemoteNote): void;
  setVerifying(key: string, on: boolean): void;
}

export const useRemoteUi = create<RemoteUiState>()((set) => ({
  notes: {},
  lastNote: null,
  verifying: [],
  setNote: (target, note) => set((s) => ({ notes: { ...s.notes, [target]: note }, lastNote: note })),
  announce: (note) => set({ lastNote: note }),
  setVerifying: (key, on) =>
    set((s) => {
      const has = s.verifying.includes(key);
      if (has === on) return s;
      return { verifying: on ? [...s.verifying, key] : s.verifying.filter((k) => k !== key) };
    }),
}));
