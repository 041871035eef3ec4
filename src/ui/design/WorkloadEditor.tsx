/**
 * One workload, fio style: name, target LU, rw, rwmixread, bs, load (iodepth closed loop or
 * rate_iops open loop — one or the other), size, skew, runtime and start time.
 */
import { useStore } from '../store/index.ts';
import { FioRw, Workload, type Server } from '../../model/topology.ts';
import type { VisibleLu } from '../../model/factory.ts';
import { NumberField } from './fields/NumberField.tsx';
import { TextField } from './fields/TextField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { editDevice, removeAt, replaceAt, setFields } from './inspector-actions.ts';

type W = Server['workloads'][number];
const S = Workload.shape;
const RW_OPTIONS = FioRw.options.map((v) => ({ value: v, label: v }));
const LOAD_OPTIONS = [
  { value: 'iodepth', label: 'iodepth (closed)' },
  { value: 'rate', label: 'rate_iops (open)' },
] as const;
const SKEW_OPTIONS = [
  { value: 'uniform', label: 'Uniform' },
  { value: 'zipf', label: 'Zipf' },
] as const;

const luKey = (t: { arrayId: string; portId: string; lun: number }) => `${t.arrayId}|${t.portId}|${t.lun}`;

function useTargetOptions(lus: readonly VisibleLu[]) {
  const devices = useStore((s) => s.scenario.topology.devices);
  return lus.map((lu) => {
    const array = devices.find((d) => d.id === lu.arrayId);
    return { value: luKey(lu), label: `${array?.name ?? lu.arrayId} ${lu.portId} LUN ${lu.lun} → ${lu.ldevId}` };
  });
}

interface Props {
  server: Server;
  index: number;
  workload: W;
  lus: readonly VisibleLu[];
}

export function WorkloadEditor({ server, index, workload: w, lus }: Props) {
  const options = useTargetOptions(lus);
  const patch = (p: Partial<W>) => editDevice(server.id, 'server', (d) => ({ ...d, workloads: replaceAt(d.workloads, index, (x) => setFields(x, p)) }));
  const commitNum = (key: 'rwmixread' | 'iodepth' | 'rate_iops' | 'runtime' | 'startAtS') => (v: number | undefined) => patch({ [key]: v });
  const setTarget = (k: string) => {
    const lu = lus.find((l) => luKey(l) === k);
    if (lu) patch({ target: { arrayId: lu.arrayId, portId: lu.portId, lun: lu.lun } });
  };
  const mode = w.rate_iops !== undefined ? 'rate' : 'iodepth';
  const p = `Workload ${w.name}`;
  return (
    <fieldset className="row-card workload" aria-label={p}>
      <legend className="sr-only">{p}</legend>
      <div className="field-row">
        <TextField label="Workload name" value={w.name} schema={S.name} onCommit={(v) => v !== undefined && patch({ name: v })} />
        <button type="button" className="btn-x" aria-label={`Remove ${p}`} onClick={() => editDevice(server.id, 'server', (d) => ({ ...d, workloads: removeAt(d.workloads, index) }))}>
          ×
        </button>
      </div>
      <SelectField label="Target LU" value={luKey(w.target)} options={options} onChange={setTarget} />
      <div className="field-row">
        <SelectField label="rw" value={w.rw} options={RW_OPTIONS} onChange={(rw) => patch({ rw })} />
        <NumberField label="rwmixread" unit="%" value={w.rwmixread} schema={S.rwmixread} onCommit={commitNum('rwmixread')} />
        <TextField label="bs" value={w.bs} schema={S.bs} onCommit={(v) => v !== undefined && patch({ bs: v })} />
      </div>
      <div className="field-row">
        <SelectField
          label="Load"
          value={mode}
          options={LOAD_OPTIONS}
          onChange={(m) => patch(m === 'rate' ? { rate_iops: 1000, iodepth: undefined } : { iodepth: 8, rate_iops: undefined })}
        />
        {mode === 'iodepth' ? (
          <NumberField label="iodepth" value={w.iodepth} schema={S.iodepth} optional onCommit={commitNum('iodepth')} />
        ) : (
          <NumberField label="rate_iops" value={w.rate_iops} schema={S.rate_iops} optional onCommit={commitNum('rate_iops')} />
        )}
      </div>
      <div className="field-row">
        <TextField label="size" value={w.size} schema={S.size} optional placeholder="whole LU" onCommit={(v) => patch({ size: v })} />
        <SelectField label="Skew" value={w.skew.kind} options={SKEW_OPTIONS} onChange={(kind) => patch({ skew: { ...w.skew, kind } })} />
        {w.skew.kind === 'zipf' && (
          <NumberField label="θ" value={w.skew.theta} schema={Workload.shape.skew.unwrap().shape.theta} onCommit={(v) => v !== undefined && patch({ skew: { ...w.skew, theta: v } })} />
        )}
      </div>
      <div className="field-row">
        <NumberField label="runtime" unit="s" value={w.runtime} schema={S.runtime} optional placeholder="until stop" onCommit={commitNum('runtime')} />
        <NumberField label="Start at" unit="s" value={w.startAtS} schema={S.startAtS} optional placeholder="timeline" onCommit={commitNum('startAtS')} />
      </div>
    </fieldset>
  );
}
