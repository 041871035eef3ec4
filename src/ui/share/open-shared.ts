/**
 * Bringing a shared scenario into the app: from the `#s=` fragment at start-up or when the
 * fragment changes in an open tab, and from a file dropped anywhere on the page (JSON, or a PNG or
 * SVG this app exported). Every path ends in `openResult`, which mirrors the toolbar's Open…:
 * a valid document replaces the design (like Open…: a fresh undo history); an invalid one opens the
 * import-error dialog and leaves the canvas untouched.
 *
 * Decision on the fragment: it is CLEARED (history.replaceState) once read, valid or not. The
 * autosave then holds the opened scenario and every later edit, so a reload shows the user's work
 * rather than re-importing the link over it; the address bar no longer shows a stale link.
 * A bad link at start-up falls back to the normal start (the autosave, else the demo).
 *
 * Does not handle: encoding (codec.ts) or the toolbar buttons (ShareMenu.tsx).
 */
import type { ParseResult } from '../../model/parse.ts';
import { useStore } from '../store/index.ts';
import { decodePayload } from './codec.ts';
import { parseOpenedFile } from './embedded.ts';
import { readShareFragment } from './share-link.ts';

export const SHARE_LINK_LABEL = 'the share link';

/** Apply a parse result the way Open… does; true when the design was replaced. */
export function openResult(result: ParseResult, label: string): boolean {
  const s = useStore.getState();
  if (!result.ok) {
    s.setImportErrors({ fileName: label, errors: result.errors });
    s.setError(`Could not open ${label}: ${result.errors.length} problem(s); the design was kept`);
    return false;
  }
  s.loadScenario(result.scenario);
  s.setNotice(`Opened “${result.scenario.name}” from ${label}`);
  return true;
}

function clearFragment(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/**
 * Open the scenario in `location.hash`, if it is a share link: null when there is none. When the
 * link is bad, `beforeError` runs first (the start-up fallback: loading a design clears the
 * import errors, so the dialog must come after it).
 */
export function openSharedFragment(beforeError: () => void = () => {}): Promise<boolean> | null {
  const payload = readShareFragment(location.hash);
  if (payload === null) return null;
  clearFragment();
  return decodePayload(payload).then((r) => {
    if (!r.ok) beforeError();
    return openResult(r, SHARE_LINK_LABEL);
  });
}

/** A share link pasted into the address bar of an open tab only changes the fragment. */
function onHashChange(): void {
  void openSharedFragment();
}

function hasFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

function onDragOver(e: DragEvent): void {
  if (!hasFiles(e) || !e.dataTransfer) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
}

/** Open a file (from a drop or Open…) as JSON, PNG or SVG. */
export async function openFile(file: File): Promise<boolean> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return openResult(await parseOpenedFile(file.name, bytes), file.name);
}

function onDrop(e: DragEvent): void {
  const file = e.dataTransfer?.files[0];
  if (!file) return;
  e.preventDefault(); // else the browser navigates to the dropped file
  void openFile(file);
}

let installed = false;

/** Listen for fragment changes and file drops on the page (once). */
export function installShareListeners(): void {
  if (installed) return;
  installed = true;
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('drop', onDrop);
}
