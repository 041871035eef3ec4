/**
 * A small panel over the canvas's top-left corner while a run has active faults (or just answered
 * a fault command): "Active faults (n)" with each fault's Repair button, and the last answer. It
 * stays out of the way otherwise — faults are injected from the canvas's right-click menu or the
 * run controls' Faults… dialog.
 */
import { ActiveFaultList } from './ActiveFaultList.tsx';
import { FaultNote } from './FaultNote.tsx';
import { useActiveFaults, useRunPhase } from './useActiveFaults.ts';
import { useFaultUi } from './useFaultUi.ts';
import './faults.css';

export function ActiveFaultsPanel() {
  const count = useActiveFaults().length;
  const hasNote = useFaultUi((s) => s.note !== null);
  const phase = useRunPhase();
  if (phase === 'none' || (count === 0 && !hasNote)) return null;
  return (
    <section className="fault-panel" aria-labelledby="fault-panel-h" data-testid="active-faults">
      <header className="fault-panel-head">
        <h2 id="fault-panel-h">Active faults ({count})</h2>
        <button type="button" className="fault-panel-close" aria-label="Dismiss the last answer" hidden={!hasNote} onClick={() => useFaultUi.getState().setNote(null)}>
          ×
        </button>
      </header>
      <ActiveFaultList emptyText="None: everything works." />
      <FaultNote />
    </section>
  );
}
