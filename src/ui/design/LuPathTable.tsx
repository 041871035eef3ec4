/** The LU paths of one host group: LUN → LDEV, LUNs unique in the group (each host group has its own LUN space). */
import { useStore } from '../store/index.ts';
import { LuPath, type DiskArray, type HostGroup } from '../../model/topology.ts';
import { newLuPath } from '../../model/factory.ts';
import { NumberField } from './fields/NumberField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { editArray } from './inspector-actions.ts';

function addPath(array: DiskArray, group: HostGroup): void {
  const path = newLuPath(array, group.id);
  if (!path) return useStore.getState().setError('Add an LDEV to this array before mapping an LU path');
  editArray(array.id, (a) => ({ ...a, luPaths: [...a.luPaths, path] }));
}

export function LuPathTable({ array, group }: { array: DiskArray; group: HostGroup }) {
  const indexes = array.luPaths.flatMap((p, i) => (p.hostGroupId === group.id ? [i] : []));
  const ldevOptions = array.ldevs.map((l) => ({ value: l.id, label: `${l.id} · ${l.name}` }));
  const patch = (i: number, p: Partial<LuPath>) => editArray(array.id, (a) => ({ ...a, luPaths: a.luPaths.map((x, k) => (k === i ? { ...x, ...p } : x)) }));
  const lunSchema = (i: number) =>
    LuPath.shape.lun.refine((lun) => !array.luPaths.some((p, k) => k !== i && p.hostGroupId === group.id && p.lun === lun), 'LUN already used in this host group');
  return (
    <div className="lu-paths">
      <h4>LU paths ({indexes.length})</h4>
      {indexes.length > 0 && (
        <table className="grid-table">
          <thead>
            <tr>
              <th scope="col">LUN</th>
              <th scope="col">LDEV</th>
              <th scope="col"><span className="sr-only">Remove</span></th>
            </tr>
          </thead>
          <tbody>
            {indexes.map((i) => {
              const p = array.luPaths[i];
              const name = `${group.name} LUN ${p.lun}`;
              return (
                <tr key={`${p.portId}-${p.lun}-${i}`}>
                  <td><NumberField compact label={`${name} number`} value={p.lun} schema={lunSchema(i)} onCommit={(v) => v !== undefined && patch(i, { lun: v })} /></td>
                  <td><SelectField compact label={`${name} LDEV`} value={p.ldevId} options={ldevOptions} onChange={(ldevId) => patch(i, { ldevId })} /></td>
                  <td>
                    <button type="button" className="btn-x" aria-label={`Remove ${name}`} onClick={() => editArray(array.id, (a) => ({ ...a, luPaths: a.luPaths.filter((_, k) => k !== i) }))}>
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" className="btn btn-small" onClick={() => addPath(array, group)}>
        Add LU path
      </button>
    </div>
  );
}
