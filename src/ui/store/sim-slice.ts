// PLACEHOLDER: replaced by the simulation UI implementation.
import type { StateCreator } from 'zustand';
import type { LiveValues, RunState } from './sim-types.ts';

export interface SimSlice {
  sim: { runState: RunState; nowS: number; live: LiveValues };
}

export const createSimSlice: StateCreator<SimSlice, [], [], SimSlice> = () => ({
  sim: { runState: 'idle', nowS: 0, live: { deviceIops: {}, linkUtilPct: {} } },
});
