/**
 * Transient designer UI state that is neither document nor simulation: which dialog is open,
 * which side-panel tab shows. A tiny zustand store of its own, so the design slice's undo
 * history and autosave never see it.
 */
import { create } from 'zustand';

export type SideTab = 'inspector' | 'rules' | 'replication' | 'backup' | 'remote' | 'monitor' | 'activity';

interface DesignUiState {
  shortcutsOpen: boolean;
  sideTab: SideTab;
  setShortcutsOpen(open: boolean): void;
  setSideTab(tab: SideTab): void;
}

export const useDesignUi = create<DesignUiState>()((set) => ({
  shortcutsOpen: false,
  sideTab: 'inspector',
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
  setSideTab: (tab) => set({ sideTab: tab }),
}));
