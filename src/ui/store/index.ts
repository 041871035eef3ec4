/**
 * The app's one zustand store, made of slices (zustand's slices pattern):
 * - `design`: the topology being edited — React Flow's source of truth, undoable, autosaved.
 *   Owned by `design-slice.ts`.
 * - `sim`: what the worker reports — run state, clock, live values, chart series. Never
 *   persisted, never undone. Owned by `sim-slice.ts`.
 * The store is usable outside React (`useStore.getState()`), which the worker bridge and
 * `window.sandbox` rely on.
 */
import { create } from 'zustand';
import { createDesignSlice, type DesignSlice } from './design-slice.ts';
import { createSimSlice, type SimSlice } from './sim-slice.ts';

export type AppState = DesignSlice & SimSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createDesignSlice(...a),
  ...createSimSlice(...a),
}));
