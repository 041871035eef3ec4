/**
 * The design slice's `appendTimeline` (added for the console's recording): one undoable edit,
 * entries kept in time order, the schema's limit enforced.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createDesignSlice, type DesignSlice } from '../store/design-slice.ts';
import type { TimelineEntry } from '../../model/scenario.ts';

beforeEach(() => {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) });
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const entry = (atS: number, note: string): TimelineEntry => ({
  atS,
  action: { type: 'pairSplit', group: 'G', mode: 'steady', access: 'rw' },
  note,
});

describe('design slice › appendTimeline', () => {
  it('merges entries in time order, after existing ones at the same time, as one undo step', () => {
    const store = createStore<DesignSlice>()(createDesignSlice);
    const base = store.getState().scenario;
    store.getState().loadScenario({ ...base, timeline: [entry(10, 'old-10'), entry(30, 'old-30')] });
    const revision = store.getState().revision;
    store.getState().appendTimeline([entry(30, 'new-30'), entry(5, 'new-5')]);
    const s = store.getState();
    expect(s.scenario.timeline.map((e) => e.note)).toEqual(['new-5', 'old-10', 'old-30', 'new-30']);
    expect(s.revision).toBe(revision + 1);
    expect(s.notice).toBe('Added 2 actions to the timeline');
    s.undo();
    expect(store.getState().scenario.timeline.map((e) => e.note)).toEqual(['old-10', 'old-30']);
  });

  it('does nothing for no entries and refuses to pass the timeline limit', () => {
    const store = createStore<DesignSlice>()(createDesignSlice);
    const before = store.getState().scenario;
    store.getState().appendTimeline([]);
    expect(store.getState().scenario).toBe(before);
    const many = Array.from({ length: 10_001 }, (_, i) => entry(i, `e${i}`));
    store.getState().appendTimeline(many);
    expect(store.getState().scenario).toBe(before);
    expect(store.getState().lastError).toMatch(/at most 10000 entries/);
  });
});
