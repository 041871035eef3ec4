/**
 * "Paste cfgshow…": a text area for the saved output of a switch's `cfgshow` (or "Load file…")
 * and a select of the design's FC switches. Import reads the text with the Fabric OS library
 * (cfgshow-import.ts) and, only when every line is understood, replaces that fabric's zoning
 * database in the design as one undoable edit. A problem is shown with its line number and
 * nothing changes; the pasted text stays in the box to be fixed. Text is only ever shown as text.
 *
 * Writing the design reloads a started run from 00:00 (as every design edit does); the dialog
 * says so. The console's `cfgimport` changes the running fabric instead.
 */
import { useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useModalDialog } from '../design/useModalDialog.ts';
import { useStore } from '../store/index.ts';
import { fcSwitchChoices, planCfgshowImport, withSwitchZoning } from './cfgshow-import.ts';
import { useConsole } from './console-store.ts';

const TEXT_ID = 'cfgshow-text';

function SwitchPicker({ value, onChange }: { value: string; onChange(v: string): void }) {
  const topology = useStore((s) => s.scenario.topology);
  const switches = useMemo(() => fcSwitchChoices(topology), [topology]);
  return (
    <div className="horcm-kind">
      <label>
        FC switch
        <select value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{switches.length === 0 ? 'No FC switch in this design' : 'Pick a switch…'}</option>
          {switches.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function RunNote() {
  const started = useStore((s) => !(s.sim.runState === 'idle' || (s.sim.runState === 'ready' && s.sim.nowS === 0)));
  if (!started) return null;
  return <p className="muted">The run has started: importing edits the design, so the emulation reloads from 00:00 with the new zoning.</p>;
}

function TextArea({ value, onChange }: { value: string; onChange(text: string): void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (file) onChange(await file.text());
    input.value = '';
  };
  return (
    <div className="horcm-file">
      <div className="horcm-file-head">
        <label htmlFor={TEXT_ID}>Output of cfgshow</label>
        <button type="button" className="btn btn-small" onClick={() => fileRef.current?.click()} aria-label="Load a cfgshow file">
          Load file…
        </button>
        <input ref={fileRef} type="file" accept=".txt,.cfg,text/plain" hidden onChange={(e) => void onFile(e)} />
      </div>
      <textarea id={TEXT_ID} rows={14} value={value} spellCheck={false} wrap="off" onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

export function CfgshowImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useModalDialog(open, onClose);
  const [text, setText] = useState('');
  const [switchId, setSwitchId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // One switch: nothing to pick.
  const only = useStore((s) => {
    const ids = s.scenario.topology.devices.filter((d) => d.kind === 'fcSwitch').map((d) => d.id);
    return ids.length === 1 ? ids[0] : '';
  });
  const chosen = switchId === '' ? only : switchId;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const store = useStore.getState();
    const plan = planCfgshowImport(text, chosen, store.scenario.topology);
    if (!plan.ok) {
      setProblem(plan.problem);
      return;
    }
    store.updateTopology((t) => withSwitchZoning(t, plan.switchId, plan.zoning));
    store.setNotice(plan.summary);
    useConsole.getState().print([{ kind: 'info', text: plan.summary }]);
    setProblem(null);
    setText('');
    onClose();
  };

  return (
    <dialog ref={ref} className="dialog horcm-dialog" aria-labelledby="cfgshow-title">
      <form onSubmit={onSubmit}>
        <h2 id="cfgshow-title">Paste cfgshow</h2>
        <p className="horcm-intro">
          Paste what <code>cfgshow</code> printed on a Brocade switch (the prompt line may stay). Its aliases, zones, configurations and
          effective configuration replace the zoning database of the chosen switch&apos;s fabric; the default-zone policy is kept.
          Nothing changes unless every line is understood.
        </p>
        <SwitchPicker value={chosen} onChange={setSwitchId} />
        <TextArea
          value={text}
          onChange={(t) => {
            setText(t);
            setProblem(null);
          }}
        />
        {problem === null ? null : (
          <div className="horcm-problems" role="alert">
            <h3>
              <span aria-hidden="true">✖ </span>Nothing was imported
            </h3>
            <p>{problem}</p>
          </div>
        )}
        <RunNote />
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
