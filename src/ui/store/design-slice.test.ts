/**
 * Design slice tests (node environment, a store of the design slice alone): undo/redo, drag
 * coalescing, delete cascading to links, refused connections, and the autosave round trip
 * through a fake localStorage.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createDesignSlice, type DesignSlice } from './design-slice.ts';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_KEY } from './autosave.ts';
import { Scenario } from '../../model/scenario.ts';

class FakeStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

let storage: FakeStorage;

beforeEach(() => {
  storage = new FakeStorage();
  vi.stubGlobal('localStorage', storage);
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function newStore() {
  return createStore<DesignSlice>()(createDesignSlice);
}

/** A server cabled to a switch. */
function cabled() {
  const store = newStore();
  const s = store.getState();
  const server = s.addDevice('server', { x: 0, y: 0 });
  const sw = s.addDevice('fcSwitch', { x: 200, y: 0 });
  const r = store.getState().connect({ deviceId: server, portId: 'hba0' }, { deviceId: sw, portId: 'p0' });
  expect(r.ok).toBe(true);
  return { store, server, sw };
}

describe('design slice › undo and redo', () => {
  it('walks edits back and forth and bumps the revision each time', () => {
    const store = newStore();
    const r0 = store.getState().revision;
    store.getState().addDevice('array', { x: 10, y: 10 });
    store.getState().renameDevice('array-1', 'Main array');
    expect(store.getState().scenario.topology.devices[0].name).toBe('Main array');
    store.getState().undo();
    expect(store.getState().scenario.topology.devices[0].name).toBe('Disk array 1');
    store.getState().undo();
    expect(store.getState().scenario.topology.devices).toHaveLength(0);
    expect(store.getState().selectedDeviceIds).toEqual([]);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().scenario.topology.devices[0].name).toBe('Main array');
    expect(store.getState().revision).toBe(r0 + 6);
  });

  it('a new edit clears the redo stack; loading clears the history', () => {
    const store = newStore();
    store.getState().addDevice('server', { x: 0, y: 0 });
    store.getState().undo();
    store.getState().addDevice('client', { x: 0, y: 0 });
    expect(store.getState().future).toHaveLength(0);
    store.getState().loadScenario(store.getState().scenario);
    expect(store.getState().past).toHaveLength(0);
  });

  it('keeps at most 200 undo entries', () => {
    const store = newStore();
    store.getState().addDevice('server', { x: 0, y: 0 });
    for (let i = 1; i <= 250; i++) store.getState().moveDevices([{ id: 'server-1', position: { x: i, y: 0 } }]);
    expect(store.getState().past).toHaveLength(200);
  });
});

describe('design slice › moving', () => {
  it('coalesces a drag into one undo entry committed on drag stop', () => {
    const store = newStore();
    store.getState().addDevice('server', { x: 0, y: 0 });
    const before = store.getState().past.length;
    for (let x = 1; x <= 20; x++) store.getState().moveDevices([{ id: 'server-1', position: { x, y: x } }], 'drag');
    expect(store.getState().past.length).toBe(before);
    store.getState().moveDevices([{ id: 'server-1', position: { x: 20.4, y: 20 } }], 'end');
    expect(store.getState().past.length).toBe(before + 1);
    expect(store.getState().scenario.topology.devices[0].position).toEqual({ x: 20, y: 20 });
    store.getState().undo();
    expect(store.getState().scenario.topology.devices[0].position).toEqual({ x: 0, y: 0 });
  });
});

describe('design slice › deleting', () => {
  it('removes a selected device and every link touching it', () => {
    const { store, server } = cabled();
    expect(store.getState().scenario.topology.links).toHaveLength(1);
    store.getState().select([server]);
    store.getState().deleteSelection();
    expect(store.getState().scenario.topology.devices.map((d) => d.id)).toEqual(['switch-1']);
    expect(store.getState().scenario.topology.links).toHaveLength(0);
    store.getState().undo();
    expect(store.getState().scenario.topology.links).toHaveLength(1);
  });

  it('removes a selected link only', () => {
    const { store } = cabled();
    store.getState().select([], ['link-1']);
    store.getState().deleteSelection();
    expect(store.getState().scenario.topology.links).toHaveLength(0);
    expect(store.getState().scenario.topology.devices).toHaveLength(2);
  });
});

describe('design slice › connecting', () => {
  it('refuses FC to LAN with a reason and changes nothing', () => {
    const { store, server, sw } = cabled();
    const revision = store.getState().revision;
    const r = store.getState().connect({ deviceId: server, portId: 'nic0' }, { deviceId: sw, portId: 'p1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/LAN.*FC|FC.*LAN/);
    expect(store.getState().lastError).toMatch(/Cannot connect/);
    expect(store.getState().scenario.topology.links).toHaveLength(1);
    expect(store.getState().revision).toBe(revision);
  });
});

describe('design slice › autosave', () => {
  it('writes the document after the debounce and restores it into a new store', () => {
    const { store } = cabled();
    store.getState().setScenarioMeta({ name: 'Round trip', seed: 42 });
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS + 10);
    const text = storage.getItem(AUTOSAVE_KEY);
    expect(text).toContain('Round trip');
    const restored = newStore();
    expect(restored.getState().restoreAutosave()).toBe(true);
    expect(restored.getState().scenario).toEqual(Scenario.parse(store.getState().scenario));
    expect(restored.getState().scenario.seed).toBe(42);
    expect(restored.getState().past).toHaveLength(0);
  });

  it('returns false for a missing or invalid autosave', () => {
    expect(newStore().getState().restoreAutosave()).toBe(false);
    storage.setItem(AUTOSAVE_KEY, '{"version": 1, "kind": "sandbox-scenario"');
    expect(newStore().getState().restoreAutosave()).toBe(false);
  });
});
