/**
 * The design slice: the scenario document being edited — React Flow's single source of truth —
 * with selection, undo/redo and autosave.
 *
 * Invariants:
 * - `scenario` only changes through `commit` (an undoable edit), a drag (coalesced into ONE undo
 *   entry when the drag stops), undo/redo, or a load (which clears the history). Each change
 *   bumps `revision`.
 * - The history holds design edits only (at most HISTORY_LIMIT each way); emulation output lives
 *   in the sim slice and never enters it. Selection is not part of the history.
 * - Selected ids always exist in the current document (pruned after undo/redo/delete/load).
 * Does not own: cabling rules (model/connect-rules.ts), defaults (model/factory.ts).
 */
import type { StateCreator, StoreApi } from 'zustand';
import type { DesignCore } from './design-types.ts';
import type { Scenario, TimelineEntry } from '../../model/scenario.ts';
import type { Device, DeviceKind, Endpoint, Link, Topology } from '../../model/topology.ts';
import { canConnect, type ConnectResult } from '../../model/connect-rules.ts';
import { createDevice, nextId, type ServerClassName, type XY } from '../../model/factory.ts';
import { parseDocumentText } from '../../model/parse.ts';
import { installAutosave, readAutosave } from './autosave.ts';
import {
  emptyScenario,
  moveDevicesIn,
  pruneSelection,
  pushBounded,
  removeFrom,
  updateDeviceIn,
  updateLinkIn,
  withTopology,
  type DeviceMove,
} from './design-edits.ts';

export type { DeviceMove } from './design-edits.ts';
export { emptyScenario } from './design-edits.ts';

/** 'drag': a step of a pointer drag (no history); 'end': the drag stopped (one undo entry). */
export type MovePhase = 'drag' | 'end' | 'commit';

/** One problem in a file the user tried to open, as `parse.ts` reports it. */
export interface DocumentError {
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

export interface ScenarioMeta {
  name?: string;
  seed?: number;
  durationS?: number;
  description?: string;
  /** The training activity (ActivityEditor.tsx); `undefined` removes it. */
  activity?: Scenario['activity'];
  /** The timeline (TimelineEditor.tsx), replaced as one undoable edit. */
  timeline?: Scenario['timeline'];
}

export interface DesignSlice extends DesignCore {
  selectedDeviceIds: string[];
  selectedLinkIds: string[];
  past: Scenario[];
  future: Scenario[];
  /** The document as it was when the current pointer drag started; null when not dragging. */
  dragBase: Scenario | null;
  /** The last refused action, for the status line. */
  lastError: string | null;
  /** The last completed action worth telling the user about. */
  notice: string | null;
  /** Problems of the last file that failed to open (shown in a dialog); null when none. */
  importErrors: { fileName: string; errors: DocumentError[] } | null;

  addDevice(kind: DeviceKind, position: XY, serverClass?: ServerClassName): string;
  connect(a: Endpoint, b: Endpoint): ConnectResult;
  moveDevices(moves: DeviceMove[], phase?: MovePhase): void;
  deleteSelection(): void;
  renameDevice(id: string, name: string): void;
  updateDevice(id: string, updater: (d: Device) => Device): void;
  updateLink(id: string, updater: (l: Link) => Link): void;
  updateTopology(updater: (t: Topology) => Topology): void;
  setScenarioMeta(meta: ScenarioMeta): void;
  select(deviceIds: string[], linkIds?: string[]): void;
  undo(): void;
  redo(): void;
  /** Replace the document by an empty one, as an undoable edit. */
  newScenario(): void;
  setImportErrors(value: DesignSlice['importErrors']): void;
  setNotice(message: string | null): void;
  setError(message: string | null): void;
}

type SetFn = StoreApi<DesignSlice>['setState'];
type GetFn = StoreApi<DesignSlice>['getState'];

/**
 * Decides an edit before `commit` (or an undo / redo) applies it (recording/live-edit-hook.ts:
 * while recording a run, edits go to the running emulation instead). True: the interceptor took the edit (applied
 * it elsewhere, or refused it and said why) and the document stays as it is.
 */
export type CommitInterceptor = (current: Scenario, next: Scenario) => boolean;
let commitInterceptor: CommitInterceptor | null = null;

/** Install (or with null remove) the one commit interceptor; the slice stays free of the bridge. */
export function setCommitInterceptor(fn: CommitInterceptor | null): void {
  commitInterceptor = fn;
}

/** Apply an undoable edit: the current document goes on the undo stack, redo is cleared. */
function commit(set: SetFn, get: GetFn, next: Scenario, extra: Partial<DesignSlice> = {}): void {
  const s = get();
  if (next === s.scenario) {
    if (Object.keys(extra).length > 0) set(extra);
    return;
  }
  if (commitInterceptor?.(s.scenario, next)) return;
  set({
    past: pushBounded(s.past, s.scenario),
    future: [],
    scenario: next,
    revision: s.revision + 1,
    lastError: null,
    ...extra,
  });
}

/** Replace the document from the history (undo/redo) and prune the selection. */
function travel(set: SetFn, get: GetFn, from: 'past' | 'future'): void {
  const s = get();
  const stack = s[from];
  if (stack.length === 0 || s.dragBase) return;
  const target = stack[stack.length - 1];
  // Undo and redo are edits too: while a run is recorded they go to it, or are refused.
  if (commitInterceptor?.(s.scenario, target)) return;
  const to = from === 'past' ? 'future' : 'past';
  set({
    [from]: stack.slice(0, -1),
    [to]: pushBounded(s[to], s.scenario),
    scenario: target,
    revision: s.revision + 1,
    lastError: null,
    notice: from === 'past' ? 'Undone' : 'Redone',
    ...pruneSelection(target, s.selectedDeviceIds, s.selectedLinkIds),
  } as Partial<DesignSlice>);
}

function move(set: SetFn, get: GetFn, moves: DeviceMove[], phase: MovePhase): void {
  const s = get();
  const next = moveDevicesIn(s.scenario, moves);
  if (phase === 'drag') {
    if (next !== s.scenario) set({ scenario: next, revision: s.revision + 1, dragBase: s.dragBase ?? s.scenario });
    return;
  }
  const base = s.dragBase ?? s.scenario;
  const finalDoc = next;
  if (finalDoc === base) {
    set({ dragBase: null });
    return;
  }
  set({
    past: pushBounded(s.past, base),
    future: [],
    scenario: finalDoc,
    revision: finalDoc === s.scenario ? s.revision : s.revision + 1,
    dragBase: null,
  });
}

function load(set: SetFn, get: GetFn, scenario: Scenario, notice: string | null): void {
  set({
    scenario,
    revision: get().revision + 1,
    past: [],
    future: [],
    dragBase: null,
    selectedDeviceIds: [],
    selectedLinkIds: [],
    importErrors: null,
    lastError: null,
    notice,
  });
}

function addDevice(set: SetFn, get: GetFn, kind: DeviceKind, position: XY, serverClass?: ServerClassName): string {
  const s = get();
  const device = createDevice(s.scenario.topology, kind, position, undefined, serverClass);
  const t = s.scenario.topology;
  commit(set, get, withTopology(s.scenario, { ...t, devices: [...t.devices, device] }), {
    selectedDeviceIds: [device.id],
    selectedLinkIds: [],
    notice: `Added ${device.name}`,
  });
  return device.id;
}

function connect(set: SetFn, get: GetFn, a: Endpoint, b: Endpoint): ConnectResult {
  const s = get();
  const t = s.scenario.topology;
  const result = canConnect(t, a, b);
  if (!result.ok) {
    set({ lastError: `Cannot connect: ${result.reason}`, notice: null });
    return result;
  }
  const link: Link = { id: nextId(t, 'link'), a, b, lengthM: 10 };
  commit(set, get, withTopology(s.scenario, { ...t, links: [...t.links, link] }), {
    notice: `Connected ${a.deviceId}:${a.portId} to ${b.deviceId}:${b.portId} (${result.kind.toUpperCase()})`,
  });
  return result;
}

function deleteSelection(set: SetFn, get: GetFn): void {
  const s = get();
  const n = s.selectedDeviceIds.length + s.selectedLinkIds.length;
  if (n === 0) return;
  const next = removeFrom(s.scenario, s.selectedDeviceIds, s.selectedLinkIds);
  commit(set, get, next, { selectedDeviceIds: [], selectedLinkIds: [], notice: `Deleted ${n} item${n === 1 ? '' : 's'}` });
}

function renameDevice(set: SetFn, get: GetFn, id: string, name: string): void {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 80) {
    set({ lastError: 'A device name needs 1 to 80 characters' });
    return;
  }
  commit(set, get, updateDeviceIn(get().scenario, id, (d) => (d.name === trimmed ? d : { ...d, name: trimmed })));
}

function setScenarioMeta(set: SetFn, get: GetFn, meta: ScenarioMeta): void {
  const s = get().scenario;
  const next: Scenario = { ...s, ...meta };
  if (meta.name !== undefined && meta.name !== s.topology.name) next.topology = { ...s.topology, name: meta.name };
  const same = (Object.keys(meta) as (keyof ScenarioMeta)[]).every((k) => meta[k] === s[k]);
  if (!same) commit(set, get, next);
}

/** Timeline entries a scenario may hold (the schema's limit). */
const TIMELINE_MAX = 10_000;

function appendTimeline(set: SetFn, get: GetFn, entries: TimelineEntry[]): void {
  if (entries.length === 0) return;
  const s = get().scenario;
  if (s.timeline.length + entries.length > TIMELINE_MAX) {
    set({ lastError: `The timeline holds at most ${TIMELINE_MAX} entries; ${entries.length} more do not fit` });
    return;
  }
  // Array.prototype.sort is stable: existing entries stay ahead of new ones at the same time.
  const timeline = [...s.timeline, ...entries].sort((a, b) => (a.atS ?? Number.MAX_VALUE) - (b.atS ?? Number.MAX_VALUE)); // entries waiting on an event after the timed ones
  const n = entries.length;
  commit(set, get, { ...s, timeline }, { notice: `Added ${n} action${n === 1 ? '' : 's'} to the timeline` });
}

function restoreAutosave(set: SetFn, get: GetFn): boolean {
  const text = readAutosave();
  if (text === null) return false;
  const parsed = parseDocumentText(text);
  if (!parsed.ok) return false;
  load(set, get, parsed.scenario, 'Restored your autosaved design');
  return true;
}

export const createDesignSlice: StateCreator<DesignSlice, [], [], DesignSlice> = (set, get, api) => {
  installAutosave(api);
  return {
    scenario: emptyScenario(),
    revision: 0,
    selectedDeviceIds: [],
    selectedLinkIds: [],
    past: [],
    future: [],
    dragBase: null,
    lastError: null,
    notice: null,
    importErrors: null,
    loadScenario: (scenario) => load(set, get, scenario, `Loaded “${scenario.name}”`),
    restoreAutosave: () => restoreAutosave(set, get),
    appendTimeline: (entries) => appendTimeline(set, get, entries),
    newScenario: () =>
      commit(set, get, emptyScenario(), { selectedDeviceIds: [], selectedLinkIds: [], notice: 'New empty design (Undo brings the previous one back)' }),
    addDevice: (kind, position, serverClass) => addDevice(set, get, kind, position, serverClass),
    connect: (a, b) => connect(set, get, a, b),
    moveDevices: (moves, phase = 'commit') => move(set, get, moves, phase),
    deleteSelection: () => deleteSelection(set, get),
    renameDevice: (id, name) => renameDevice(set, get, id, name),
    updateDevice: (id, updater) => commit(set, get, updateDeviceIn(get().scenario, id, updater)),
    updateLink: (id, updater) => commit(set, get, updateLinkIn(get().scenario, id, updater)),
    updateTopology: (updater) => commit(set, get, withTopology(get().scenario, updater(get().scenario.topology))),
    setScenarioMeta: (meta) => setScenarioMeta(set, get, meta),
    select: (deviceIds, linkIds = []) => set({ selectedDeviceIds: deviceIds, selectedLinkIds: linkIds }),
    undo: () => travel(set, get, 'past'),
    redo: () => travel(set, get, 'future'),
    setImportErrors: (value) => set({ importErrors: value }),
    setNotice: (message) => set({ notice: message, lastError: null }),
    setError: (message) => set({ lastError: message }),
  };
};
