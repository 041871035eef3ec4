/**
 * The console's session state: transcript, command history, the running command, the
 * recording buffer and whether the horcm.conf import dialog is open. A small zustand store of
 * its own (like useDesignUi): it is neither the design (never undone, never saved) nor what the
 * worker reports. It outlives the panel, so switching the dock to Charts keeps the transcript
 * and lets a waiting pairevtwait finish.
 */
import { create } from 'zustand';
import { emptyHistory, historyPush, type HistoryState } from './history.ts';
import { recordCommand, type RecordedCommand, type RecordSource } from './recording.ts';
import { appendBlocks, emptyTranscript, type BlockKind, type Transcript } from './transcript.ts';
import type { Action } from '../../model/scenario.ts';

export interface RunningCommand {
  line: string;
  startedAtS: number;
}

export interface ConsoleState {
  transcript: Transcript;
  history: HistoryState;
  running: RunningCommand | null;
  recording: boolean;
  recorded: RecordedCommand[];
  importOpen: boolean;
  /** The panel is shown taller (more output lines, a smaller canvas). */
  tall: boolean;

  print(blocks: readonly { kind: BlockKind; text: string; atS?: number; prompt?: string }[]): void;
  clear(): void;
  setHistory(history: HistoryState): void;
  pushHistory(line: string): void;
  setRunning(running: RunningCommand | null): void;
  setRecording(on: boolean): void;
  record(line: string, atS: number, actions: readonly Action[], source?: RecordSource): void;
  discardRecording(): void;
  setImportOpen(open: boolean): void;
  setTall(tall: boolean): void;
}

export const useConsole = create<ConsoleState>()((set) => ({
  transcript: emptyTranscript(),
  history: emptyHistory(),
  running: null,
  recording: false,
  recorded: [],
  importOpen: false,
  tall: false,
  print: (blocks) => set((s) => ({ transcript: appendBlocks(s.transcript, blocks) })),
  clear: () => set((s) => ({ transcript: { blocks: [], nextId: s.transcript.nextId } })),
  setHistory: (history) => set({ history }),
  pushHistory: (line) => set((s) => ({ history: historyPush(s.history, line) })),
  setRunning: (running) => set({ running }),
  setRecording: (on) => set({ recording: on }),
  record: (line, atS, actions, source) => set((s) => ({ recorded: recordCommand(s.recorded, line, atS, actions, source) })),
  discardRecording: () => set({ recorded: [] }),
  setImportOpen: (open) => set({ importOpen: open }),
  setTall: (tall) => set({ tall }),
}));
