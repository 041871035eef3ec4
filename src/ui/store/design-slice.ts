// PLACEHOLDER: replaced by the designer implementation.
import type { StateCreator } from 'zustand';
import type { DesignCore } from './design-types.ts';
import type { Scenario } from '../../model/scenario.ts';

export type DesignSlice = DesignCore;

const EMPTY: Scenario = {
  version: 1,
  kind: 'sandbox-scenario',
  name: 'Untitled',
  description: '',
  seed: 1,
  durationS: 60,
  topology: { version: 1, name: 'Untitled', sites: [{ id: 'main', name: 'Main site', kind: 'main' }], devices: [], links: [] },
  timeline: [],
  expectations: [],
};

export const createDesignSlice: StateCreator<DesignSlice, [], [], DesignSlice> = (set) => ({
  scenario: EMPTY,
  revision: 0,
  loadScenario: (scenario) => set((s) => ({ scenario, revision: s.revision + 1 })),
  restoreAutosave: () => false,
});
