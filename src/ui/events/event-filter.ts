/**
 * The event log's filters, pure: which entries a person sees for a device and a kind, the
 * devices and kinds to offer, and the line each entry reads as.
 *
 * Invariants: filtering keeps the log's order (oldest first); "all" is the empty choice.
 */
import type { JournalEntry, JournalKind } from '../../engine/api.ts';

export const KIND_LABEL: Record<JournalKind, string> = {
  action: 'Action',
  'pair-state': 'Pair state',
  'rejected-io': 'Refused I/O',
  job: 'Job',
  alert: 'Alert',
};

export const JOURNAL_KINDS = Object.keys(KIND_LABEL) as JournalKind[];

export interface EventFilter {
  deviceId: string;
  kind: JournalKind | '';
  text: string;
}

export const NO_FILTER: EventFilter = { deviceId: '', kind: '', text: '' };

export function filterEvents(entries: readonly JournalEntry[], f: EventFilter): JournalEntry[] {
  const text = f.text.trim().toLowerCase();
  return entries.filter((e) => (f.deviceId === '' || e.deviceId === f.deviceId) && (f.kind === '' || e.kind === f.kind) && (text === '' || e.text.toLowerCase().includes(text)));
}

/** The devices that appear in the log, sorted, each once. */
export function devicesIn(entries: readonly JournalEntry[]): string[] {
  return [...new Set(entries.map((e) => e.deviceId).filter((d) => d !== ''))].sort();
}

/** `12.345 s` */
export function timeLabel(timeUs: number): string {
  return `${(timeUs / 1e6).toFixed(3)} s`;
}
