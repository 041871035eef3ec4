/**
 * Transient Monitor-tab state, neither document nor simulation: which section shows, the alert
 * acknowledgements of the current run (alert-view.ts `AckState`, keyed by alert seq, tied to the
 * run generation so a new run starts with none), the alert filters, the performance table's
 * sort, the volume-move planner's picks, its last prediction and the engine's last answer to a
 * move. A small zustand store of its own, so the design's undo history and autosave never see
 * it; it outlives the tab's components, so switching tabs keeps everything.
 */
import { create } from 'zustand';
import type { AlertRecord, MovePrediction } from '../../engine/api.ts';
import type { RemoteNote } from '../remote/remote-commands.ts';
import { NO_ACKS, acknowledge, acknowledgeAll, type AckState, type AlertFilter } from './alert-view.ts';
import { DEFAULT_SORT, nextSort, type PerfColumn, type PerfSort } from './perf-table.ts';

export type MonitorSection = 'health' | 'performance' | 'moves';

export const MONITOR_SECTIONS: readonly { id: MonitorSection; label: string }[] = [
  { id: 'health', label: 'Health & alerts' },
  { id: 'performance', label: 'Performance' },
  { id: 'moves', label: 'Volume moves' },
];

export interface PredictionResult {
  ldevId: string;
  groupId: string;
  /** Simulated second the prediction was asked at. */
  atS: number;
  result: MovePrediction | { error: string };
}

interface MonitorUiState {
  section: MonitorSection;
  acks: AckState;
  filter: AlertFilter;
  sort: PerfSort;
  moveLdevId: string;
  moveGroupId: string;
  prediction: PredictionResult | null;
  predicting: boolean;
  /** The engine's answer to the last Move. */
  note: RemoteNote | null;
  setSection(section: MonitorSection): void;
  acknowledge(seq: number, generation: number): void;
  acknowledgeAll(alerts: readonly Pick<AlertRecord, 'seq'>[], generation: number): void;
  setFilter(patch: Partial<AlertFilter>): void;
  sortBy(column: PerfColumn): void;
  pickMove(ldevId: string, groupId: string): void;
  setPrediction(p: PredictionResult | null): void;
  setPredicting(on: boolean): void;
  setNote(note: RemoteNote | null): void;
}

export const useMonitorUi = create<MonitorUiState>()((set) => ({
  section: 'health',
  acks: NO_ACKS,
  filter: { severity: 'all', unackedOnly: false },
  sort: DEFAULT_SORT,
  moveLdevId: '',
  moveGroupId: '',
  prediction: null,
  predicting: false,
  note: null,
  setSection: (section) => set({ section }),
  acknowledge: (seq, generation) => set((s) => ({ acks: acknowledge(s.acks, generation, seq) })),
  acknowledgeAll: (alerts, generation) => set((s) => ({ acks: acknowledgeAll(s.acks, generation, alerts) })),
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  sortBy: (column) => set((s) => ({ sort: nextSort(s.sort, column) })),
  pickMove: (moveLdevId, moveGroupId) => set({ moveLdevId, moveGroupId }),
  setPrediction: (prediction) => set({ prediction }),
  setPredicting: (predicting) => set({ predicting }),
  setNote: (note) => set({ note }),
}));
