/**
 * An array's snapshot pools (Thin Image), one card each: id, name, parity group, capacity and the
 * warning threshold. A pool that a snapshot copy group uses cannot be removed (the button says
 * which group). Each change is one undoable edit.
 */
import { useStore } from '../store/index.ts';
import { Id, SnapshotPool, type CopyGroup, type DiskArray } from '../../model/topology.ts';
import { NumberField } from './fields/NumberField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { TextField } from './fields/TextField.tsx';
import { editArray, removeAt, replaceAt } from './inspector-actions.ts';

function nextPoolId(array: DiskArray): string {
  const used = new Set((array.pools ?? []).map((p) => p.id));
  let n = 1;
  while (used.has(`pool-${n}`)) n++;
  return `pool-${n}`;
}

function newPool(array: DiskArray): SnapshotPool {
  const id = nextPoolId(array);
  return { id, name: `Snapshot pool ${id.slice(5)}`, parityGroupId: array.parityGroups[0]?.id ?? 'pg-1', capacityGiB: 100, warningPct: 80 };
}

/** Copy groups of kind snapshot naming this pool id (pool ids are per array; groups name the id). */
function groupsUsing(groups: readonly CopyGroup[], poolId: string): string[] {
  return groups.filter((g) => g.kind === 'snapshot' && g.poolId === poolId).map((g) => g.id);
}

const NO_GROUPS: readonly CopyGroup[] = [];

function PoolCard({ array, index, pool: p, usedBy }: { array: DiskArray; index: number; pool: SnapshotPool; usedBy: string[] }) {
  const patch = (x: Partial<SnapshotPool>) => editArray(array.id, (a) => ({ ...a, pools: replaceAt(a.pools ?? [], index, (y) => ({ ...y, ...x })) }));
  const others = new Set((array.pools ?? []).filter((_, i) => i !== index).map((x) => x.id));
  const idSchema = Id.refine((v) => !others.has(v), { message: 'another pool of this array has this id' });
  const pgOptions = array.parityGroups.map((g) => ({ value: g.id, label: g.id }));
  const inUse = usedBy.length > 0;
  return (
    <fieldset className="row-card" aria-label={`Pool ${p.id}`}>
      <legend className="sr-only">Pool {p.id}</legend>
      <div className="row-card-head">
        <strong className="mono">{p.id}</strong>
        <span className="muted">{inUse ? `used by ${usedBy.join(', ')}` : 'unused'}</span>
        <button
          type="button"
          className="btn-x"
          aria-label={`Remove pool ${p.id}`}
          disabled={inUse}
          title={inUse ? `Copy group ${usedBy.join(', ')} uses this pool` : 'Remove'}
          onClick={() => editArray(array.id, (a) => ({ ...a, pools: removeAt(a.pools ?? [], index) }))}
        >
          ×
        </button>
      </div>
      <div className="field-row">
        <TextField label="Id" accessibleName={`${p.id} pool id`} value={p.id} schema={idSchema} onCommit={(v) => v !== undefined && patch({ id: v })} />
        <TextField label="Name" accessibleName={`${p.id} pool name`} value={p.name} schema={SnapshotPool.shape.name} onCommit={(v) => v !== undefined && patch({ name: v })} />
      </div>
      <SelectField label="Parity group" accessibleName={`${p.id} parity group`} value={p.parityGroupId} options={pgOptions} onChange={(parityGroupId) => patch({ parityGroupId })} />
      <div className="field-row">
        <NumberField label="Capacity" unit="GiB" accessibleName={`${p.id} capacity GiB`} value={p.capacityGiB} schema={SnapshotPool.shape.capacityGiB} onCommit={(v) => v !== undefined && patch({ capacityGiB: v })} />
        <NumberField label="Warning at" unit="%" accessibleName={`${p.id} warning percent`} value={p.warningPct} schema={SnapshotPool.shape.warningPct.unwrap()} onCommit={(v) => v !== undefined && patch({ warningPct: v })} />
      </div>
    </fieldset>
  );
}

export function PoolTable({ array }: { array: DiskArray }) {
  const groups = useStore((s) => s.scenario.topology.copyGroups ?? NO_GROUPS);
  const pools = array.pools ?? [];
  return (
    <section className="form-section" aria-label="Snapshot pools">
      <h3>Snapshot pools ({pools.length})</h3>
      {pools.map((p, i) => (
        <PoolCard key={`${i}:${p.id}`} array={array} index={i} pool={p} usedBy={groupsUsing(groups, p.id)} />
      ))}
      <button type="button" className="btn btn-small" disabled={array.parityGroups.length === 0} onClick={() => editArray(array.id, (a) => ({ ...a, pools: [...(a.pools ?? []), newPool(a)] }))}>
        Add pool
      </button>
    </section>
  );
}
