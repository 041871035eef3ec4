/**
 * One host group: its port and name, the WWPNs allowed to see its LUs, and its LU paths
 * (LUN → LDEV). Moving the group to another port moves its LU paths with it.
 */
import { useStore } from '../store/index.ts';
import { HostGroup, type DiskArray } from '../../model/topology.ts';
import { TextField } from './fields/TextField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { editArray, removeAt, replaceAt } from './inspector-actions.ts';
import { WwpnAdder } from './WwpnAdder.tsx';
import { LuPathTable } from './LuPathTable.tsx';
import { useHbaWwpns } from './useHbaWwpns.ts';

interface Props {
  array: DiskArray;
  index: number;
  group: HostGroup;
  wwpnListId: string;
}

function setPort(array: DiskArray, index: number, portId: string): void {
  const id = array.hostGroups[index].id;
  editArray(array.id, (a) => ({
    ...a,
    hostGroups: replaceAt(a.hostGroups, index, (g) => ({ ...g, portId })),
    luPaths: a.luPaths.map((p) => (p.hostGroupId === id ? { ...p, portId } : p)),
  }));
}

function removeGroup(array: DiskArray, index: number): void {
  const id = array.hostGroups[index].id;
  editArray(array.id, (a) => ({ ...a, hostGroups: removeAt(a.hostGroups, index), luPaths: a.luPaths.filter((p) => p.hostGroupId !== id) }));
  useStore.getState().setNotice(`Removed host group ${id} and its LU paths`);
}

export function HostGroupCard({ array, index, group: g, wwpnListId }: Props) {
  const hbas = useHbaWwpns();
  const patch = (p: Partial<HostGroup>) => editArray(array.id, (a) => ({ ...a, hostGroups: replaceAt(a.hostGroups, index, (x) => ({ ...x, ...p })) }));
  const portOptions = array.ports.filter((p) => p.kind === 'fc').map((p) => ({ value: p.id, label: p.id }));
  const labelOf = (w: string) => hbas.find((h) => h.wwpn === w)?.label ?? 'not an HBA in this design';
  return (
    <fieldset className="row-card host-group" aria-label={`Host group ${g.name}`}>
      <legend className="sr-only">Host group {g.name}</legend>
      <div className="field-row">
        <SelectField label="Port" value={g.portId} options={portOptions} onChange={(portId) => setPort(array, index, portId)} />
        <TextField label="Host group name" value={g.name} schema={HostGroup.shape.name} onCommit={(v) => v !== undefined && patch({ name: v })} />
        <button type="button" className="btn-x" aria-label={`Remove host group ${g.name}`} onClick={() => removeGroup(array, index)}>
          ×
        </button>
      </div>
      <h4>WWPNs ({g.wwpns.length})</h4>
      <ul className="chips">
        {g.wwpns.map((w, i) => (
          <li key={w} className="chip" title={labelOf(w)}>
            <span className="mono">{w}</span>
            <button type="button" className="btn-x" aria-label={`Remove WWPN ${w} from ${g.name}`} onClick={() => patch({ wwpns: removeAt(g.wwpns, i) })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <WwpnAdder groupName={g.name} listId={wwpnListId} existing={g.wwpns} onAdd={(w) => patch({ wwpns: [...g.wwpns, w] })} />
      <LuPathTable array={array} group={g} />
    </fieldset>
  );
}
