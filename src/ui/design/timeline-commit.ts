/**
 * Committing a new timeline from the inspector's Timeline section (TimelineEditor.tsx,
 * EntryForm.tsx): one undoable edit of the document (setScenarioMeta), which reloads the
 * emulation. Shared so every timeline edit goes through the same door.
 *
 * Does not handle: validating the timeline (timeline-edits.ts, entry-json.ts do, before).
 */
import type { TimelineEntry } from '../../model/scenario.ts';
import { useStore } from '../store/index.ts';

/** The store's timeline now (handlers read it when they run, not when they were made). */
export const currentTimeline = (): TimelineEntry[] => useStore.getState().scenario.timeline;

/**
 * Commit `timeline` as one undoable edit. True when the document took it (an edit made while
 * recording a run is refused by the recording's interceptor, which says why). `notice`, when
 * given, goes to the status line once the edit is taken.
 */
export function commitTimeline(timeline: TimelineEntry[], notice?: string): boolean {
  const store = useStore.getState();
  if (timeline === store.scenario.timeline) return true;
  store.setScenarioMeta({ timeline });
  const taken = useStore.getState().scenario.timeline === timeline;
  if (taken && notice) useStore.getState().setNotice(notice);
  return taken;
}
