/**
 * The Inject fault dialog, opened from the run controls' Faults… button — the keyboard way to
 * what the canvas's right-click menu offers: pick a device or cable, pick a fault (the same
 * entries as its menu, flattened: "Fail disk › pg1 › disk 2"), Apply. The active faults are
 * listed below with their Repair buttons, and the engine's answer under them. The dialog stays
 * open after Apply so a drill can go on.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { useModalDialog } from '../design/useModalDialog.ts';
import { useStore } from '../store/index.ts';
import { ActiveFaultList } from './ActiveFaultList.tsx';
import { activeKeys, unavailableReason } from './fault-commands.ts';
import { counterpartId, faultMenu, faultTargets, flattenMenu, type MenuTarget } from './fault-menu.ts';
import { FaultNote } from './FaultNote.tsx';
import { runFaultCommand } from './run-fault-command.ts';
import { useRunPhase } from './useActiveFaults.ts';
import { useFaultUi } from './useFaultUi.ts';

const keyOf = (t: MenuTarget) => `${t.kind}:${t.id}`;

export function InjectFaultDialog() {
  const open = useFaultUi((s) => s.dialogOpen);
  const onClose = useCallback(() => useFaultUi.getState().setDialogOpen(false), []);
  const ref = useModalDialog(open, onClose);
  return (
    <dialog ref={ref} className="dialog fault-dialog" aria-labelledby="fault-dialog-title">
      <h2 id="fault-dialog-title">Inject a fault</h2>
      {open && <FaultPicker />}
      <h3 className="fault-dialog-h">Active faults</h3>
      <ActiveFaultList emptyText="None: everything works." />
      <FaultNote />
      <form method="dialog" className="dialog-actions">
        <button type="submit" className="btn">
          Close
        </button>
      </form>
    </dialog>
  );
}

function FaultPicker() {
  const topology = useStore((s) => s.scenario.topology);
  const faults = useStore((s) => s.sim.faults);
  const phase = useRunPhase();
  const targets = useMemo(() => faultTargets(topology), [topology]);
  const [targetKey, setTargetKey] = useState(() => (targets[0] ? keyOf(targets[0].target) : ''));
  const target = targets.find((t) => keyOf(t.target) === targetKey)?.target ?? targets[0]?.target;
  const options = useMemo(() => (target ? flattenMenu(faultMenu(topology, target, activeKeys(faults), 'active').items) : []), [topology, target, faults]);
  const [optionId, setOptionId] = useState<string | null>(null);
  // After Apply the entry turns into its counterpart (Fail ↔ Repair): keep that component selected.
  const chosen = options.find((o) => o.id === optionId) ?? options.find((o) => optionId !== null && o.id === counterpartId(optionId)) ?? options[0];
  const why = unavailableReason(phase);
  const id = useId();
  return (
    <form
      className="fault-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (!chosen || why !== null) return;
        setOptionId(chosen.id);
        void runFaultCommand(chosen.command);
      }}
    >
      {why && <p className="fault-why">{why}.</p>}
      <div className="field">
        <label htmlFor={`${id}-target`}>Device or cable</label>
        <select id={`${id}-target`} value={target ? keyOf(target) : ''} onChange={(e) => { setTargetKey(e.target.value); setOptionId(null); }}>
          <optgroup label="Devices">
            {targets.filter((t) => t.target.kind === 'device').map((t) => <option key={keyOf(t.target)} value={keyOf(t.target)}>{t.label}</option>)}
          </optgroup>
          <optgroup label="Cables">
            {targets.filter((t) => t.target.kind === 'link').map((t) => <option key={keyOf(t.target)} value={keyOf(t.target)}>{t.label}</option>)}
          </optgroup>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-fault`}>Fault</label>
        <select id={`${id}-fault`} value={chosen?.id ?? ''} onChange={(e) => setOptionId(e.target.value)} disabled={options.length === 0}>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
              {o.danger ? ' (cannot be repaired)' : ''}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={`btn ${chosen?.danger ? 'btn-danger' : 'btn-primary'}`} disabled={!chosen || why !== null}>
        Apply
      </button>
    </form>
  );
}
