/**
 * The SAN manager's configuration editor (`topology.backup`): the server it runs on, one card
 * per backup policy — id, tenant, data set LDEV, method, path and the servers the path needs,
 * library, frequency (and weekday), window start and length, retention — and the free-volume
 * pool replicas are taken from. Each edit is one undoable `updateTopology` step (policy-edits);
 * fields validate with the model's schemas, and the design rules' findings (design-rules-backup)
 * show under the field they name. Mounted by the Backup panel; takes no props.
 */
import { useState } from 'react';
import { BackupPolicy, ClockTime, Id, type Topology } from '../../model/topology.ts';
import type { DesignIssue } from '../../model/design-issue.ts';
import { NumberField } from '../design/fields/NumberField.tsx';
import { SelectField } from '../design/fields/SelectField.tsx';
import { TextField } from '../design/fields/TextField.tsx';
import { useDesignIssues } from '../design/useDesignIssues.ts';
import { useStore } from '../store/index.ts';
import {
  addFreeVolume,
  addPolicy,
  backupOf,
  findingsUnder,
  freeVolumeCandidates,
  ldevChoices,
  libraryChoices,
  otherPolicyIds,
  patchPolicy,
  PATH_LABEL,
  removeFreeVolume,
  removePolicy,
  serverChoices,
  setManagerServer,
  setPolicyPath,
  WEEKDAY_LABEL,
  windowLabel,
} from './policy-edits.ts';

type Findings = ReturnType<typeof findingsUnder>;

const METHOD_OPTIONS = [
  { value: 'replica', label: 'Replica (copy to a free volume, back that up)' },
  { value: 'direct', label: 'Direct (read the volume itself)' },
] as const;
const PATH_OPTIONS = (['server-less', 'lan-free', 'lan'] as const).map((p) => ({ value: p, label: PATH_LABEL[p] }));
const FREQUENCY_OPTIONS = [
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
] as const;
const WEEKDAY_OPTIONS = WEEKDAY_LABEL.map((d, i) => ({ value: String(i), label: d }));
const NO_SERVER = '';

function edit(fn: (t: Topology) => Topology): void {
  useStore.getState().updateTopology(fn);
}

/** An error finding for a field's `error` slot (warnings are shown as a line instead). */
function errorOf(f: Findings, key: string): string | undefined {
  const x = f.get(key);
  return x?.severity === 'error' ? x.message : undefined;
}

/** Findings a field slot does not show: warnings, and those on the policy itself or its id. */
function FindingLines({ findings, keys }: { findings: Findings; keys: readonly string[] }) {
  const lines = [...findings].filter(([k, x]) => x.severity === 'warning' || keys.includes(k));
  return (
    <>
      {lines.map(([k, x]) => (
        <span key={k} className={x.severity === 'error' ? 'field-error' : 'muted'}>
          {x.severity === 'warning' ? 'Warning: ' : ''}
          {x.message}
        </span>
      ))}
    </>
  );
}

function ServerFields({ topology, policy: p, index, findings }: { topology: Topology; policy: BackupPolicy; index: number; findings: Findings }) {
  if (p.path === 'server-less') return null;
  const servers = serverChoices(topology);
  return (
    <div className="field-row">
      <SelectField
        label={p.path === 'lan' ? 'Server (reads, sends)' : 'Server (reads, writes tape)'}
        accessibleName={`${p.id} server`}
        value={p.serverId ?? NO_SERVER}
        options={servers}
        onChange={(serverId) => edit((t) => patchPolicy(t, index, { serverId }))}
        error={errorOf(findings, 'serverId')}
      />
      {p.path === 'lan' && (
        <SelectField
          label="Backup server (writes tape)"
          accessibleName={`${p.id} backup server`}
          value={p.backupServerId ?? NO_SERVER}
          options={servers}
          onChange={(backupServerId) => edit((t) => patchPolicy(t, index, { backupServerId }))}
          error={errorOf(findings, 'backupServerId')}
        />
      )}
    </div>
  );
}

function ScheduleFields({ policy: p, index }: { policy: BackupPolicy; index: number }) {
  const patch = (x: Partial<BackupPolicy>) => edit((t) => patchPolicy(t, index, x));
  return (
    <>
      <div className="field-row">
        <SelectField label="Frequency" accessibleName={`${p.id} frequency`} value={p.frequency} options={FREQUENCY_OPTIONS} onChange={(frequency) => patch({ frequency })} />
        {p.frequency === 'weekly' && (
          <SelectField label="Day" accessibleName={`${p.id} weekday`} value={String(p.weekday)} options={WEEKDAY_OPTIONS} onChange={(d) => patch({ weekday: Number(d) })} />
        )}
      </div>
      <div className="field-row">
        <TextField label="Window start" accessibleName={`${p.id} window start`} value={p.windowStart} schema={ClockTime} placeholder="HH:MM" onCommit={(v) => v !== undefined && patch({ windowStart: v })} />
        <NumberField label="Window" unit="h" accessibleName={`${p.id} window hours`} value={p.windowHours} schema={BackupPolicy.shape.windowHours} onCommit={(v) => v !== undefined && patch({ windowHours: v })} />
        <NumberField label="Keep" unit="days" accessibleName={`${p.id} retention days`} value={p.retentionDays} schema={BackupPolicy.shape.retentionDays.unwrap()} onCommit={(v) => v !== undefined && patch({ retentionDays: v })} />
      </div>
    </>
  );
}

function PolicyCard({ topology, index, findings }: { topology: Topology; index: number; findings: Findings }) {
  const p = backupOf(topology).policies[index];
  const patch = (x: Partial<BackupPolicy>) => edit((t) => patchPolicy(t, index, x));
  const taken = otherPolicyIds(topology, index);
  const idSchema = Id.refine((v) => !taken.has(v), { message: 'another policy has this id' });
  return (
    <fieldset className="row-card backup-policy" aria-label={`Policy ${p.id}`}>
      <legend className="sr-only">Policy {p.id}</legend>
      <div className="row-card-head">
        <strong className="mono">{p.id}</strong>
        <span className="muted">{windowLabel(p)}</span>
        <button type="button" className="btn-x" aria-label={`Remove policy ${p.id}`} onClick={() => edit((t) => removePolicy(t, index))}>
          ×
        </button>
      </div>
      <div className="field-row">
        <TextField label="Policy" accessibleName={`${p.id} policy id`} value={p.id} schema={idSchema} onCommit={(v) => v !== undefined && patch({ id: v })} />
        <TextField label="Tenant" accessibleName={`${p.id} tenant`} value={p.tenant} schema={BackupPolicy.shape.tenant} onCommit={(v) => v !== undefined && patch({ tenant: v })} />
      </div>
      <SelectField label="Data set (LDEV)" accessibleName={`${p.id} data set`} value={p.ldevId} options={ldevChoices(topology)} onChange={(ldevId) => patch({ ldevId })} error={errorOf(findings, 'ldevId')} />
      <SelectField label="Method" accessibleName={`${p.id} method`} value={p.method} options={METHOD_OPTIONS} onChange={(method) => patch({ method })} error={errorOf(findings, 'method')} />
      <SelectField label="Library" accessibleName={`${p.id} library`} value={p.libraryId} options={libraryChoices(topology)} onChange={(libraryId) => patch({ libraryId })} error={errorOf(findings, 'libraryId')} />
      <SelectField label="Path" accessibleName={`${p.id} path`} value={p.path} options={PATH_OPTIONS} onChange={(path) => edit((t) => setPolicyPath(t, index, path))} />
      <ServerFields topology={topology} policy={p} index={index} findings={findings} />
      <ScheduleFields policy={p} index={index} />
      <FindingLines findings={findings} keys={['', 'id', 'windowStart']} />
    </fieldset>
  );
}

function FreeVolumes({ topology, issues }: { topology: Topology; issues: readonly DesignIssue[] }) {
  const pool = backupOf(topology).freeVolumes;
  const candidates = freeVolumeCandidates(topology);
  const [picked, setPicked] = useState('');
  const choice = candidates.some((c) => c.value === picked) ? picked : (candidates[0]?.value ?? '');
  return (
    <section className="form-section" aria-label="Free volumes">
      <h3>Free-volume pool ({pool.length})</h3>
      <p className="muted">Volumes the SAN manager may copy a data set onto for a replica backup; each must be at least as large as the data set and on its array.</p>
      {pool.length > 0 && (
        <ul className="issue-list">
          {pool.map((id, k) => (
            <li key={`${k}:${id}`}>
              <span className="mono">{id}</span>{' '}
              <button type="button" className="btn-x" aria-label={`Remove free volume ${id}`} onClick={() => edit((t) => removeFreeVolume(t, k))}>
                ×
              </button>
              <FindingLines findings={findingsUnder(issues, `backup.freeVolumes[${k}]`)} keys={['']} />
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 ? (
        <div className="field-row">
          <SelectField label="Add a volume" accessibleName="Free volume to add" value={choice} options={candidates} onChange={setPicked} />
          <button type="button" className="btn btn-small check-field" onClick={() => edit((t) => addFreeVolume(t, choice))}>
            Add to pool
          </button>
        </div>
      ) : (
        <p className="muted">No unused LDEV left to add: create one in an array's inspector.</p>
      )}
    </section>
  );
}

export function PoliciesEditor() {
  const topology = useStore((s) => s.scenario.topology);
  const issues = useDesignIssues();
  const b = backupOf(topology);
  const manager = findingsUnder(issues, 'backup.managerServerId').get('');
  const ready = ldevChoices(topology).length > 0 && libraryChoices(topology).length > 0;
  return (
    <section className="form-section backup-policies" aria-label="Backup policies">
      <h3>Backup policies ({b.policies.length})</h3>
      <p className="muted">The SAN manager backs up each data set in its window, to its library, and keeps it for the retention period. Editing reloads the run.</p>
      <SelectField
        label="SAN manager runs on"
        accessibleName="SAN manager server"
        value={b.managerServerId ?? NO_SERVER}
        options={[{ value: NO_SERVER, label: '— not set —' }, ...serverChoices(topology)]}
        onChange={(v) => edit((t) => setManagerServer(t, v === NO_SERVER ? undefined : v))}
        error={manager?.message}
      />
      {b.policies.map((p, i) => (
        <PolicyCard key={`${i}:${p.id}`} topology={topology} index={i} findings={findingsUnder(issues, `backup.policies[${i}]`)} />
      ))}
      <button type="button" className="btn btn-small" disabled={!ready} title={ready ? undefined : 'Add an LDEV and a tape or DVD-RAM library first'} onClick={() => edit(addPolicy)}>
        Add policy
      </button>
      <FreeVolumes topology={topology} issues={issues} />
    </section>
  );
}
