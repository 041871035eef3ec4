/**
 * The copy groups editor (CCI device groups, horcm.conf HORCM_DEV): list, add and remove groups
 * — id, kind, the server of a host mirror, whether it records positions, the pool of a snapshot
 * group, the remote fields of remote-sync / remote-async groups (RemoteGroupFields) — and their
 * devices — name, P-VOL and S-VOL pickers listing every LDEV with its array and capacity (for a
 * remote kind, S-VOLs in another site only), MU. Each edit is one undoable `updateTopology` step; fields validate with the model's
 * schemas, and cross-field problems (copy-group-edits `groupIssues`) show under the field.
 */
import { CopyGroupDevice, CopyGroupKind, Id, type CopyGroup, type Topology } from '../../model/topology.ts';
import { useStore } from '../store/index.ts';
import { NumberField } from '../design/fields/NumberField.tsx';
import { SelectField } from '../design/fields/SelectField.tsx';
import { TextField } from '../design/fields/TextField.tsx';
import {
  addCopyGroup,
  addDevice,
  editCopyGroup,
  editDevice,
  groupIssues,
  KIND_LABEL,
  ldevChoices,
  otherGroupIds,
  poolChoices,
  removeCopyGroup,
  removeDevice,
  serverChoices,
  setGroupKind,
  svolChoices,
  type DeviceIssues,
} from './copy-group-edits.ts';
import { RemoteGroupFields } from './RemoteGroupFields.tsx';

const KIND_OPTIONS = CopyGroupKind.options.map((k) => ({ value: k, label: KIND_LABEL[k] }));
const NO_SVOL = '';
/** Kinds whose device may have no S-VOL, and what "none" means for them. */
const SVOL_LABEL: Partial<Record<CopyGroup['kind'], string>> = {
  snapshot: 'S-VOL (optional)',
  'remote-sync': 'S-VOL (in another site)',
  'remote-async': 'S-VOL (in another site; optional with a target library)',
};
const SVOL_NONE_LABEL: Partial<Record<CopyGroup['kind'], string>> = {
  snapshot: '— none (snapshot image only) —',
  'remote-async': '— none (copy to the target library) —',
};
const NO_GROUPS: readonly CopyGroup[] = [];
const NO_WARNINGS: readonly string[] = [];

function edit(fn: (t: Topology) => Topology): void {
  useStore.getState().updateTopology(fn);
}

function uniqueId(taken: ReadonlySet<string>, what: string) {
  return Id.refine((v) => !taken.has(v), { message: `another ${what} has this name` });
}

function DeviceCard({ topology, group, index, issues }: { topology: Topology; group: CopyGroup; index: number; issues: DeviceIssues }) {
  const d = group.devices[index];
  const at = `${group.id}/${d.name}`;
  const ldevs = ldevChoices(topology);
  const svols = svolChoices(topology, group.kind, d.pvol);
  const none = SVOL_NONE_LABEL[group.kind];
  const svolOptions = none ? [{ value: NO_SVOL, label: none }, ...svols] : svols;
  const names = new Set(group.devices.filter((_, i) => i !== index).map((x) => x.name));
  const patch = (p: Partial<CopyGroup['devices'][number]>) => edit((t) => editDevice(t, group.id, index, p));
  return (
    <fieldset className="row-card copy-device" aria-label={`Device ${at}`}>
      <legend className="sr-only">Device {at}</legend>
      <div className="field-row">
        <TextField label="Device (dev_name)" accessibleName={`${at} device name`} value={d.name} schema={uniqueId(names, 'device of this group')} onCommit={(v) => v !== undefined && patch({ name: v })} />
        <NumberField label="MU" accessibleName={`${at} MU`} value={d.mu} schema={CopyGroupDevice.shape.mu} onCommit={(v) => v !== undefined && patch({ mu: v })} />
        <button
          type="button"
          className="btn-x"
          aria-label={`Remove device ${at}`}
          disabled={group.devices.length <= 1}
          title={group.devices.length <= 1 ? 'A group holds at least one device: remove the group instead' : 'Remove'}
          onClick={() => edit((t) => removeDevice(t, group.id, index))}
        >
          ×
        </button>
      </div>
      {issues.name && <span className="field-error">{issues.name}</span>}
      <SelectField label="P-VOL" accessibleName={`${at} P-VOL`} value={d.pvol} options={ldevs} onChange={(pvol) => patch({ pvol })} error={issues.pvol} />
      <SelectField
        label={SVOL_LABEL[group.kind] ?? 'S-VOL'}
        accessibleName={`${at} S-VOL`}
        value={d.svol ?? NO_SVOL}
        options={svolOptions}
        onChange={(v) => patch({ svol: v === NO_SVOL ? undefined : v })}
        error={issues.svol}
      />
    </fieldset>
  );
}

function KindFields({ topology, group, issues, warnings }: { topology: Topology; group: CopyGroup; issues: ReturnType<typeof groupIssues>['group']; warnings: readonly string[] }) {
  const set = (fn: (g: CopyGroup) => CopyGroup) => edit((t) => editCopyGroup(t, group.id, fn));
  if (group.kind === 'host-mirror') {
    const servers = serverChoices(topology);
    return (
      <div className="field-row">
        <SelectField label="Server (mirror program)" accessibleName={`${group.id} server`} value={group.serverId ?? ''} options={servers} onChange={(serverId) => set((g) => ({ ...g, serverId }))} error={issues.serverId} />
        <label className="check check-field" title="Off: the mirror program keeps no record of the positions written while split, so every resync is a full copy">
          <input type="checkbox" checked={group.recordPositions} onChange={(e) => set((g) => ({ ...g, recordPositions: e.currentTarget.checked }))} />
          Record positions
        </label>
      </div>
    );
  }
  if (group.kind === 'remote-sync' || group.kind === 'remote-async') return <RemoteGroupFields topology={topology} group={group} issues={issues} warnings={warnings} set={set} />;
  if (group.kind === 'snapshot') {
    return <SelectField label="Pool" accessibleName={`${group.id} pool`} value={group.poolId ?? ''} options={poolChoices(topology)} onChange={(poolId) => set((g) => ({ ...g, poolId }))} error={issues.poolId} />;
  }
  return null;
}

function GroupCard({ topology, group }: { topology: Topology; group: CopyGroup }) {
  const issues = groupIssues(topology, group);
  const taken = otherGroupIds(topology, group.id);
  return (
    <fieldset className="row-card copy-group" aria-label={`Copy group ${group.id}`}>
      <legend className="sr-only">Copy group {group.id}</legend>
      <div className="row-card-head">
        <strong className="mono">{group.id}</strong>
        <span className="muted">
          {group.devices.length} device{group.devices.length === 1 ? '' : 's'}
        </span>
        <button type="button" className="btn-x" aria-label={`Remove copy group ${group.id}`} onClick={() => edit((t) => removeCopyGroup(t, group.id))}>
          ×
        </button>
      </div>
      <div className="field-row">
        <TextField
          label="Group (dev_group)"
          accessibleName={`${group.id} group name`}
          value={group.id}
          schema={uniqueId(taken, 'copy group')}
          onCommit={(v) => v !== undefined && edit((t) => editCopyGroup(t, group.id, (g) => ({ ...g, id: v })))}
        />
        <SelectField label="Kind" accessibleName={`${group.id} kind`} value={group.kind} options={KIND_OPTIONS} onChange={(k) => edit((t) => setGroupKind(t, group.id, k))} />
      </div>
      {issues.group.id && <span className="field-error">{issues.group.id}</span>}
      <KindFields topology={topology} group={group} issues={issues.group} warnings={issues.warnings ?? NO_WARNINGS} />
      {group.devices.map((d, i) => (
        <DeviceCard key={`${i}:${d.name}`} topology={topology} group={group} index={i} issues={issues.devices[i]} />
      ))}
      <button type="button" className="btn btn-small" onClick={() => edit((t) => addDevice(t, group.id))}>
        Add device
      </button>
    </fieldset>
  );
}

export function CopyGroupsEditor() {
  const topology = useStore((s) => s.scenario.topology);
  const groups = topology.copyGroups ?? NO_GROUPS;
  const hasLdevs = topology.devices.some((d) => d.kind === 'array' && d.ldevs.length > 0);
  return (
    <section className="form-section copy-groups" aria-label="Copy groups">
      <h3>Copy groups ({groups.length})</h3>
      <p className="muted">Each group is a CCI device group (horcm.conf HORCM_DEV); each device pairs a P-VOL with an S-VOL. Editing reloads the run.</p>
      {groups.map((g) => (
        <GroupCard key={g.id} topology={topology} group={g} />
      ))}
      <button type="button" className="btn btn-small" disabled={!hasLdevs} title={hasLdevs ? undefined : 'Add LDEVs to an array first'} onClick={() => edit(addCopyGroup)}>
        Add copy group
      </button>
    </section>
  );
}
