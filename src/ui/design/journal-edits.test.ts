/** The journal table's pure part: next IDs, users of a journal, the list written back. */
import { describe, expect, it } from 'vitest';
import type { CopyGroup, DiskArray } from '../../model/topology.ts';
import { journalUsers, newJournal, nextJournalId, withJournals } from './journal-edits.ts';

const array = (journalIds: number[], ldevs: string[] = ['p1', 's1']): DiskArray =>
  ({ id: 'a', kind: 'array', ldevs: ldevs.map((id) => ({ id })), journals: journalIds.map((id) => newJournal(id)) }) as unknown as DiskArray;

const ur = (id: string, pvol: string, svol: string | undefined, masterJournal?: number, restoreJournal?: number): CopyGroup => ({
  id,
  kind: 'remote-async',
  recordPositions: true,
  ...(masterJournal === undefined ? {} : { masterJournal }),
  ...(restoreJournal === undefined ? {} : { restoreJournal }),
  devices: [{ name: 'd', pvol, mu: 0, ...(svol === undefined ? {} : { svol }) }],
});

describe('journal edits', () => {
  it('takes the lowest free ID, and none when all 256 are used', () => {
    expect(nextJournalId(array([]))).toBe(0);
    expect(nextJournalId(array([0, 1, 3]))).toBe(2);
    expect(nextJournalId(array(Array.from({ length: 256 }, (_, i) => i)))).toBeNull();
    expect(newJournal(4)).toEqual({ id: 4, capacityMiB: 10_240, overflowWatchS: 60 });
  });

  it('names the async groups using a journal as master (P-VOL here) or restore (S-VOL here), default ID 0', () => {
    const groups: CopyGroup[] = [
      ur('UR1', 'p1', 'x9'),
      ur('UR2', 'x8', 's1', 2, 0),
      ur('UR3', 'p1', undefined, 1),
      { ...ur('SYNC', 'p1', 's1'), kind: 'remote-sync' },
    ];
    const a = array([0, 1, 2]);
    expect(journalUsers(a, groups, 0)).toEqual(['UR1 (master)', 'UR2 (restore)']);
    expect(journalUsers(a, groups, 1)).toEqual(['UR3 (master)']);
    expect(journalUsers(a, groups, 2)).toEqual([]);
  });

  it('writes the list back, dropping the key when it is empty', () => {
    const a = array([0]);
    expect(withJournals(a, [newJournal(7)]).journals).toEqual([newJournal(7)]);
    expect('journals' in withJournals(a, [])).toBe(false);
  });
});
