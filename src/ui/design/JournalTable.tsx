/**
 * An array's journals (Universal Replicator), one card each: journal ID (0–255, unique on the
 * array), capacity in MiB and the data overflow watch in seconds, validated with the model's
 * schema. A journal that a remote-async copy group uses — as master journal on its P-VOLs'
 * array or restore journal on its S-VOLs' array — cannot be removed (the button says which
 * group). Each change is one undoable edit.
 */
import { Journal, type CopyGroup, type DiskArray } from '../../model/topology.ts';
import { useStore } from '../store/index.ts';
import { NumberField } from './fields/NumberField.tsx';
import { editArray, removeAt, replaceAt } from './inspector-actions.ts';
import { journalUsers, newJournal, nextJournalId, withJournals } from './journal-edits.ts';

const NO_GROUPS: readonly CopyGroup[] = [];

function JournalCard({ array, index, journal: j, usedBy }: { array: DiskArray; index: number; journal: Journal; usedBy: string[] }) {
  const patch = (x: Partial<Journal>) => editArray(array.id, (a) => withJournals(a, replaceAt(a.journals ?? [], index, (y) => ({ ...y, ...x }))));
  const others = new Set((array.journals ?? []).filter((_, i) => i !== index).map((x) => x.id));
  const idSchema = Journal.shape.id.refine((v) => !others.has(v), { message: 'another journal of this array has this ID' });
  const inUse = usedBy.length > 0;
  const name = `Journal ${j.id}`;
  return (
    <fieldset className="row-card" aria-label={name}>
      <legend className="sr-only">{name}</legend>
      <div className="row-card-head">
        <strong className="mono">JNL {j.id}</strong>
        <span className="muted">{inUse ? `used by ${usedBy.join(', ')}` : 'unused'}</span>
        <button
          type="button"
          className="btn-x"
          aria-label={`Remove journal ${j.id}`}
          disabled={inUse}
          title={inUse ? `Copy group ${usedBy.join(', ')} uses this journal` : 'Remove'}
          onClick={() => editArray(array.id, (a) => withJournals(a, removeAt(a.journals ?? [], index)))}
        >
          ×
        </button>
      </div>
      <div className="field-row">
        <NumberField label="Journal ID" accessibleName={`${name} ID`} value={j.id} schema={idSchema} onCommit={(v) => v !== undefined && patch({ id: v })} />
        <NumberField label="Capacity" unit="MiB" accessibleName={`${name} capacity MiB`} value={j.capacityMiB} schema={Journal.shape.capacityMiB} onCommit={(v) => v !== undefined && patch({ capacityMiB: v })} />
        <NumberField
          label="Overflow watch"
          unit="s"
          accessibleName={`${name} overflow watch seconds`}
          value={j.overflowWatchS}
          schema={Journal.shape.overflowWatchS.unwrap()}
          onCommit={(v) => v !== undefined && patch({ overflowWatchS: v })}
        />
      </div>
    </fieldset>
  );
}

export function JournalTable({ array }: { array: DiskArray }) {
  const groups = useStore((s) => s.scenario.topology.copyGroups ?? NO_GROUPS);
  const journals = array.journals ?? [];
  const nextId = nextJournalId(array);
  const add = () => {
    if (nextId === null) return;
    editArray(array.id, (a) => withJournals(a, [...(a.journals ?? []), newJournal(nextId)]));
  };
  return (
    <section className="form-section" aria-label="Journals">
      <h3>Journals ({journals.length})</h3>
      <p className="muted">
        Asynchronous remote copy (Universal Replicator) keeps writes here in sequence order: the master journal on the P-VOLs&apos; array, the restore journal on the
        S-VOLs&apos;. Over 80 % the group shows PFUL; full for longer than the overflow watch, it suspends (PFUS).
      </p>
      {journals.map((j, i) => (
        <JournalCard key={`${i}:${j.id}`} array={array} index={i} journal={j} usedBy={journalUsers(array, groups, j.id)} />
      ))}
      <button type="button" className="btn btn-small" disabled={nextId === null} onClick={add}>
        Add journal
      </button>
    </section>
  );
}
