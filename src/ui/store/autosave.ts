/**
 * Autosave of the design document to localStorage (`sandbox.autosave.v1`).
 *
 * Writes are debounced (~300 ms after the last edit) and use `serializeScenario`, so the stored
 * text is the same as a saved file. Only the design document is stored — never emulation output.
 * Storage is resolved lazily so tests can install a fake `localStorage` and so a browser that
 * refuses storage (private mode, quota) degrades to "no autosave" with a message, not a crash.
 */
import type { StoreApi } from 'zustand';
import { serializeScenario } from '../../model/serialize.ts';
import type { Scenario } from '../../model/scenario.ts';

export const AUTOSAVE_KEY = 'sandbox.autosave.v1';
export const AUTOSAVE_DELAY_MS = 300;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The page's localStorage, or null when there is none or it cannot be used. */
export function getStorage(): KeyValueStorage | null {
  try {
    const s = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

export function readAutosave(): string | null {
  try {
    return getStorage()?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Write now; returns an error message when storage refused. */
export function writeAutosave(scenario: Scenario): string | null {
  const storage = getStorage();
  if (!storage) return null;
  try {
    storage.setItem(AUTOSAVE_KEY, serializeScenario(scenario));
    return null;
  } catch (e) {
    return `autosave failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

interface AutosaveState {
  scenario: Scenario;
  lastError: string | null;
}

/**
 * Subscribe to the store and write the document after each burst of edits. Returns the
 * unsubscribe function (tests use it; the app keeps it for the page's lifetime).
 */
export function installAutosave<S extends AutosaveState>(api: StoreApi<S>, delayMs = AUTOSAVE_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = api.subscribe((state, prev) => {
    if (state.scenario === prev.scenario) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const error = writeAutosave(api.getState().scenario);
      if (error) api.setState({ lastError: error } as Partial<S>);
    }, delayMs);
  });
  return () => {
    if (timer !== null) clearTimeout(timer);
    unsubscribe();
  };
}
