/**
 * Transient fault-injection state, neither document nor simulation: the open context menu (where
 * and on what), whether the Inject fault dialog is open, and the engine's answer to the last
 * fault command (a note, announced once). A small zustand store of its own, so the design's undo
 * history and autosave never see it.
 */
import { create } from 'zustand';
import type { RemoteNote } from '../remote/remote-commands.ts';
import type { MenuTarget } from './fault-menu.ts';

export interface OpenMenu {
  /** Viewport pixels of the click (the menu's top-left before it is kept on screen). */
  x: number;
  y: number;
  target: MenuTarget;
}

interface FaultUiState {
  menu: OpenMenu | null;
  dialogOpen: boolean;
  note: RemoteNote | null;
  openMenu(menu: OpenMenu): void;
  closeMenu(): void;
  setDialogOpen(open: boolean): void;
  setNote(note: RemoteNote | null): void;
}

export const useFaultUi = create<FaultUiState>()((set) => ({
  menu: null,
  dialogOpen: false,
  note: null,
  openMenu: (menu) => set({ menu }),
  closeMenu: () => set((s) => (s.menu === null ? s : { menu: null })),
  setDialogOpen: (dialogOpen) => set({ dialogOpen, menu: null }),
  setNote: (note) => set({ note }),
}));
