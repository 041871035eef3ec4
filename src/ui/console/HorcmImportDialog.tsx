/**
 * "Import horcm.conf…": two text areas — the P-VOL instance (horcm0.conf) and the S-VOL
 * instance (horcm1.conf, optional for snapshot groups), each with "Load file…" — and the group
 * kind (local / host mirror with its server / snapshot with its pool / remote sync or async, whose
 * fence level, journals and WAN link are set afterwards in the copy groups editor). Import reads both with
 * the CCI library and, only when there is no problem at all, adds or replaces the groups in
 * `topology.copyGroups` as one undoable edit. Problems are listed with file and line; file
 * content is only ever shown as text.
 */
import { useCallback, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { CopyGroupKind, Topology } from '../../model/topology.ts';
import { useModalDialog } from '../design/useModalDialog.ts';
import { useStore } from '../store/index.ts';
import { useConsole } from './console-store.ts';
import { importSummary, mergeCopyGroups, P_FILE_LABEL, planHorcmImport, S_FILE_LABEL, type ImportProblem } from './horcm-import.ts';

const KINDS: { id: CopyGroupKind; label: string }[] = [
  { id: 'local', label: 'Local pairs (ShadowImage)' },
  { id: 'host-mirror', label: 'Host mirror' },
  { id: 'snapshot', label: 'Snapshot (Thin Image)' },
  { id: 'remote-sync', label: 'Remote sync (TrueCopy)' },
  { id: 'remote-async', label: 'Remote async (Universal Replicator)' },
];

interface Choice {
  value: string;
  label: string;
}

function serversOf(t: Topology): Choice[] {
  return t.devices.filter((d) => d.kind === 'server').map((d) => ({ value: d.id, label: `${d.name} (${d.id})` }));
}

function poolsOf(t: Topology): Choice[] {
  return t.devices.flatMap((d) => (d.kind === 'array' ? (d.pools ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.id}) on ${d.name}` })) : []));
}

function FileArea(props: { id: string; label: string; note?: string; value: string; onChange(text: string): void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (file) props.onChange(await file.text());
    input.value = '';
  };
  return (
    <div className="horcm-file">
      <div className="horcm-file-head">
        <label htmlFor={props.id}>
          {props.label}
          {props.note ? <span className="muted"> — {props.note}</span> : null}
        </label>
        <button type="button" className="btn btn-small" onClick={() => fileRef.current?.click()} aria-label={`Load file for ${props.label}`}>
          Load file…
        </button>
        <input ref={fileRef} type="file" accept=".conf,.txt,text/plain" hidden onChange={(e) => void onFile(e)} />
      </div>
      <textarea id={props.id} value={props.value} spellCheck={false} wrap="off" onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

function Problems({ problems }: { problems: ImportProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="horcm-problems" role="alert">
      <h3>
        <span aria-hidden="true">✖ </span>
        {problems.length} problem{problems.length === 1 ? '' : 's'} — nothing was imported
      </h3>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            {p.file ? <span className="horcm-where">{p.file}{p.line !== null && !/line \d+/.test(p.message) ? `, line ${p.line}` : ''}: </span> : null}
            {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function KindPicker(props: {
  kind: CopyGroupKind;
  setKind(k: CopyGroupKind): void;
  serverId: string;
  setServerId(v: string): void;
  poolId: string;
  setPoolId(v: string): void;
  recordPositions: boolean;
  setRecordPositions(v: boolean): void;
}) {
  const topology = useStore((s) => s.scenario.topology);
  const servers = useMemo(() => serversOf(topology), [topology]);
  const pools = useMemo(() => poolsOf(topology), [topology]);
  return (
    <fieldset className="horcm-kind">
      <legend>Kind of the imported groups</legend>
      {KINDS.map((k) => (
        <label key={k.id}>
          <input type="radio" name="horcm-kind" value={k.id} checked={props.kind === k.id} onChange={() => props.setKind(k.id)} />
          {k.label}
        </label>
      ))}
      {props.kind === 'host-mirror' ? (
        <>
          <label>
            Server
            <select value={props.serverId} onChange={(e) => props.setServerId(e.target.value)}>
              <option value="">Pick a server…</option>
              {servers.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" checked={props.recordPositions} onChange={(e) => props.setRecordPositions(e.target.checked)} />
            Records positions written while split
          </label>
        </>
      ) : null}
      {props.kind === 'remote-sync' || props.kind === 'remote-async' ? (
        <p className="muted">
          {props.kind === 'remote-sync' ? 'Fence level never' : 'Consistency group 0, journals 0'} and the WAN link joining the arrays; change them in the Replication tab&apos;s copy groups
          editor.
        </p>
      ) : null}
      {props.kind === 'snapshot' ? (
        <label>
          Pool
          <select value={props.poolId} onChange={(e) => props.setPoolId(e.target.value)}>
            <option value="">{pools.length === 0 ? 'No pools in this design' : 'Pick a pool…'}</option>
            {pools.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </fieldset>
  );
}

export function HorcmImportDialog() {
  const open = useConsole((s) => s.importOpen);
  const onClose = useCallback(() => useConsole.getState().setImportOpen(false), []);
  const ref = useModalDialog(open, onClose);
  const [pText, setPText] = useState('');
  const [sText, setSText] = useState('');
  const [kind, setKind] = useState<CopyGroupKind>('local');
  const [serverId, setServerId] = useState('');
  const [poolId, setPoolId] = useState('');
  const [recordPositions, setRecordPositions] = useState(true);
  const [problems, setProblems] = useState<ImportProblem[]>([]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const store = useStore.getState();
    const plan = planHorcmImport({ pText, sText, kind, serverId, poolId, recordPositions }, store.scenario.topology);
    if (!plan.ok) {
      setProblems(plan.problems);
      return;
    }
    store.updateTopology((t) => mergeCopyGroups(t, plan.groups));
    const summary = importSummary(plan);
    store.setNotice(summary);
    useConsole.getState().print([{ kind: 'info', text: summary }]);
    setProblems([]);
    setPText('');
    setSText('');
    onClose();
  };

  return (
    <dialog ref={ref} className="dialog horcm-dialog" aria-labelledby="horcm-title">
      <form onSubmit={onSubmit}>
        <h2 id="horcm-title">Import horcm.conf</h2>
        <p className="horcm-intro">
          Paste (or load) the CCI configuration of both instances. Each <code>dev_group</code> becomes a copy group and each{' '}
          <code>dev_name</code> a pair; volumes are found through HORCM_DEV port# and LU# (or HORCM_LDEV Serial# and LDEV#). A group
          that already exists is replaced. Nothing changes unless every line is understood.
        </p>
        <KindPicker {...{ kind, setKind, serverId, setServerId, poolId, setPoolId, recordPositions, setRecordPositions }} />
        <div className="horcm-files">
          <FileArea id="horcm-p" label={P_FILE_LABEL} value={pText} onChange={setPText} />
          <FileArea
            id="horcm-s"
            label={S_FILE_LABEL}
            note={kind === 'snapshot' ? 'optional for snapshot groups' : undefined}
            value={sText}
            onChange={setSText}
          />
        </div>
        <Problems problems={problems} />
        <div className="horcm-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary">
            Import
          </button>
        </div>
      </form>
    </dialog>
  );
}
