/**
 * Files in and out of the browser: save the document as `<name>.sandbox.json` (the same text
 * as the autosave, from `serializeScenario`), read an opened file, and load the built-in demo.
 * Parsing and validation are the model's (`parseDocumentText`); this module only moves bytes.
 */
import { serializeScenario } from '../../model/serialize.ts';
import { parseDocument, type ParseResult } from '../../model/parse.ts';
import { parseOpenedFile } from '../share/embedded.ts';
import type { Scenario } from '../../model/scenario.ts';

/** Element id of the toolbar's hidden file input (Ctrl+O clicks it). */
export const OPEN_INPUT_ID = 'sandbox-open-file';

/** A file name from a scenario name: lower case, dashes, no path characters. */
export function fileNameFor(s: Scenario): string {
  const base = s.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'design';
  return `${base}.sandbox.json`;
}

/** Saves `blob` as a download named `name` (the browser's Save). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadScenario(s: Scenario): string {
  const name = fileNameFor(s);
  downloadBlob(new Blob([serializeScenario(s)], { type: 'application/json' }), name);
  return name;
}

/** A .json document, or a PNG/SVG exported by Share with its scenario embedded (share/embedded.ts). */
export async function readScenarioFile(file: File): Promise<ParseResult> {
  return parseOpenedFile(file.name, new Uint8Array(await file.arrayBuffer()));
}

export function openFilePicker(): void {
  document.getElementById(OPEN_INPUT_ID)?.click();
}

// Eager, as in useBootstrap.ts (which bundles the demo anyway): a glob so a missing file still builds.
const DEMOS = import.meta.glob<unknown>('../../../scenarios/embodiment-1-online-backup.json', { eager: true, import: 'default' });

export function demoAvailable(): boolean {
  return Object.keys(DEMOS).length > 0;
}

/** Validate the built-in demo scenario. */
export function loadDemo(): ParseResult {
  const demo = Object.values(DEMOS)[0];
  if (demo === undefined) {
    return { ok: false, errors: [{ path: '', line: null, column: null, message: 'the demo scenario is not part of this build' }] };
  }
  return parseDocument(demo);
}
