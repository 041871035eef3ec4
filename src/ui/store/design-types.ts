/**
 * The part of the design slice that other slices, the worker bridge and `window.sandbox`
 * program against. `design-slice.ts` implements it (and more).
 */
import type { Scenario, TimelineEntry } from '../../model/scenario.ts';

export interface DesignCore {
  /** The document being edited: topology, seed, duration, timeline, expectations. */
  scenario: Scenario;
  /** Increments on every change to `scenario` (edits, undo/redo, loads). */
  revision: number;
  /** Replace the document (e.g. open a file, load a template). Clears undo history. */
  loadScenario(scenario: Scenario): void;
  /** Load the autosaved document if there is a valid one; returns whether it did. */
  restoreAutosave(): boolean;
  /**
   * Add entries to the scenario's timeline (kept in time order; an entry lands after those
   * already at its time) as one undoable edit — which reloads the emulation from t=0.
   * Refused (lastError) when the timeline would exceed its limit.
   */
  appendTimeline(entries: TimelineEntry[]): void;
}
