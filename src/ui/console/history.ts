/**
 * The console's command history, as pure functions over plain data (no React, no store):
 * entries oldest first, bounded; a browse cursor that ↑/↓ move; and the draft the user was
 * typing before browsing, given back when ↓ walks past the newest entry (as bash does).
 */

/** Entries kept (oldest fall off). */
export const HISTORY_MAX = 200;

export interface HistoryState {
  /** Oldest first. */
  entries: string[];
  /** Index into `entries` while browsing with ↑/↓; null when editing a new line. */
  cursor: number | null;
  /** What was in the input when browsing started. */
  draft: string;
}

export function emptyHistory(): HistoryState {
  return { entries: [], cursor: null, draft: '' };
}

/** Add a submitted line: blank lines and a repeat of the newest entry are not stored. */
export function historyPush(h: HistoryState, line: string, max = HISTORY_MAX): HistoryState {
  const text = line.trim();
  const last = h.entries[h.entries.length - 1];
  if (text.length === 0 || text === last) return { ...h, cursor: null, draft: '' };
  const entries = [...h.entries, text];
  return { entries: entries.length > max ? entries.slice(entries.length - max) : entries, cursor: null, draft: '' };
}

export interface HistoryMove {
  state: HistoryState;
  /** The text the input should now show. */
  text: string;
}

/** ↑: the previous (older) entry; stays on the oldest one. */
export function historyUp(h: HistoryState, current: string): HistoryMove {
  if (h.entries.length === 0) return { state: h, text: current };
  const cursor = h.cursor === null ? h.entries.length - 1 : Math.max(0, h.cursor - 1);
  const draft = h.cursor === null ? current : h.draft;
  return { state: { ...h, cursor, draft }, text: h.entries[cursor] };
}

/** ↓: the next (newer) entry; past the newest, the draft typed before browsing. */
export function historyDown(h: HistoryState, current: string): HistoryMove {
  if (h.cursor === null) return { state: h, text: current };
  const cursor = h.cursor + 1;
  if (cursor >= h.entries.length) return { state: { ...h, cursor: null, draft: '' }, text: h.draft };
  return { state: { ...h, cursor }, text: h.entries[cursor] };
}
