/**
 * The journal table's pure part: the next free journal ID of an array, a new journal, the
 * remote-async copy groups that use a journal (so it cannot be removed under them), and the
 * array with its journal list replaced.
 */
import type { CopyGroup, DiskArray, Journal } from '../../model/topology.ts';

/** A new journal: 10 GiB, the schema's default overflow watch. */
const NEW_JOURNAL_MIB = 10_240;
const DEFAULT_WATCH_S = 60;

/** The lowest journal ID the array does not use yet (null when all 256 are taken). */
export function nextJournalId(array: DiskArray): number | null {
  const used = new Set((array.journals ?? []).map((j) => j.id));
  for (let id = 0; id <= 255; id++) if (!used.has(id)) return id;
  return null;
}

/** `G (master)`, `H (restore)`: the remote-async groups using journal `id` of `array`. */
export function journalUsers(array: DiskArray, groups: readonly CopyGroup[], id: number): string[] {
  const ldevs = new Set(array.ldevs.map((l) => l.id));
  const out: string[] = [];
  for (const g of groups) {
    if (g.kind !== 'remote-async') continue;
    if ((g.masterJournal ?? 0) === id && g.devices.some((d) => ldevs.has(d.pvol))) out.push(`${g.id} (master)`);
    if ((g.restoreJournal ?? 0) === id && g.devices.some((d) => d.svol !== undefined && ldevs.has(d.svol))) out.push(`${g.id} (restore)`);
  }
  return out;
}

/** The array with `journals` replaced; an empty list removes the key (arrays without journals save without it). */
export function withJournals(a: DiskArray, journals: Journal[]): DiskArray {
  if (journals.length > 0) return { ...a, journals };
  const { journals: _dropped, ...rest } = a;
  return rest;
}

export function newJournal(id: number): Journal {
  return { id, capacityMiB: NEW_JOURNAL_MIB, overflowWatchS: DEFAULT_WATCH_S };
}
