/**
 * An array's LDEVs, one compact card each: name, parity group, capacity, the read-only
 * attribute and whether the volume is cache-resident (pinned in cache, never on disks).
 * Removing an LDEV also removes the LU paths that map it (one undoable edit).
 */
import { useStore } from '../store/index.ts';
import { Ldev, type DiskArray } from '../../model/topology.ts';
import { newLdev } from '../../model/factory.ts';
import { NumberField } from './fields/NumberField.tsx';
import { TextField } from './fields/TextField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { editArray, removeAt, replaceAt } from './inspector-actions.ts';

function addLdev(array: DiskArray): void {
  const ldev = newLdev(array, useStore.getState().scenario.topology);
  editArray(array.id, (a) => ({ ...a, ldevs: [...a.ldevs, ldev] }));
}

function removeLdev(array: DiskArray, i: number): void {
  const id = array.ldevs[i].id;
  editArray(array.id, (a) => ({ ...a, ldevs: removeAt(a.ldevs, i), luPaths: a.luPaths.filter((p) => p.ldevId !== id) }));
}

function LdevCard({ array, index, ldev: l }: { array: DiskArray; index: number; ldev: Ldev }) {
  const patch = (p: Partial<Ldev>) => editArray(array.id, (a) => ({ ...a, ldevs: replaceAt(a.ldevs, index, (x) => ({ ...x, ...p })) }));
  const pgOptions = array.parityGroups.map((g) => ({ value: g.id, label: g.id }));
  const paths = array.luPaths.filter((p) => p.ldevId === l.id).length;
  return (
    <fieldset className="row-card" aria-label={`LDEV ${l.id}`}>
      <legend className="sr-only">LDEV {l.id}</legend>
      <div className="row-card-head">
        <strong className="mono">{l.id}</strong>
        <span className="muted">
          {paths} LU path{paths === 1 ? '' : 's'}
        </span>
        <button type="button" className="btn-x" aria-label={`Remove LDEV ${l.id}`} onClick={() => removeLdev(array, index)}>
          ×
        </button>
      </div>
      <div className="field-row">
        <TextField label="Name" accessibleName={`${l.id} name`} value={l.name} schema={Ldev.shape.name} onCommit={(v) => v !== undefined && patch({ name: v })} />
        <SelectField label="Parity group" accessibleName={`${l.id} parity group`} value={l.parityGroupId} options={pgOptions} onChange={(parityGroupId) => patch({ parityGroupId })} />
      </div>
      <div className="field-row">
        <NumberField
          label="Capacity"
          unit="GiB"
          accessibleName={`${l.id} capacity GiB`}
          value={l.capacityGiB}
          schema={Ldev.shape.capacityGiB}
          onCommit={(v) => v !== undefined && patch({ capacityGiB: v })}
        />
        <label className="check check-field">
          <input type="checkbox" checked={l.readOnly} onChange={(e) => patch({ readOnly: e.currentTarget.checked })} />
          Read-only
        </label>
        <label className="check check-field" title="Tracks pinned in the array's cache, never on disks (an intermediate volume, SAN patent Fig. 11)">
          <input type="checkbox" aria-label={`${l.id} cache-resident`} checked={l.cacheResident ?? false} onChange={(e) => patch({ cacheResident: e.currentTarget.checked })} />
          Cache-resident
        </label>
      </div>
    </fieldset>
  );
}

export function LdevTable({ array }: { array: DiskArray }) {
  return (
    <section className="form-section" aria-label="LDEVs">
      <h3>LDEVs ({array.ldevs.length})</h3>
      {array.ldevs.map((l, i) => (
        <LdevCard key={l.id} array={array} index={i} ldev={l} />
      ))}
      <button type="button" className="btn btn-small" onClick={() => addLdev(array)}>
        Add LDEV
      </button>
    </section>
  );
}
