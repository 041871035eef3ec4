/**
 * The part of the design slice that other slices, the worker bridge and `window.sandbox`
 * program against. `design-slice.ts` implements it (and more).
 */
import type { Scenario } from '../../model/scenario.ts';

export interface DesignCore {
  /** The document being edited: topology, seed, duration, timeline, expectations. */
  scenario: Scenario;
  /** Increments on every change to `scenario` (edits, undo/redo, loads). */
  revision: number;
  /** Replace the document (e.g. open a file, load a template). Clears undo history. */
  loadScenario(scenario: Scenario): void;
  /** Load the autosaved document if there is a valid one; returns whether it did. */
  restoreAutosave(): boolean;
}
