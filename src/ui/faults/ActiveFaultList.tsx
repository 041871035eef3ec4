/**
 * The faults active now (the engine's `FaultStatus.faults`), each with the time it failed and a
 * Repair button that sends the repair (run-fault-command.ts). Shown on the canvas (a small panel)
 * and in the Inject fault dialog. The buttons need a run in progress; the list is read-only after it.
 */
import { faultCommand, faultKey, simClock } from './fault-commands.ts';
import { runFaultCommand } from './run-fault-command.ts';
import { useActiveFaults, useRunPhase } from './useActiveFaults.ts';

export function ActiveFaultList({ emptyText }: { emptyText?: string }) {
  const faults = useActiveFaults();
  const phase = useRunPhase();
  if (faults.length === 0) return emptyText ? <p className="fault-empty">{emptyText}</p> : null;
  return (
    <ul className="fault-list" aria-label="Active faults">
      {faults.map((f) => (
        <li key={faultKey(f.component)} className="fault-row" data-fault={faultKey(f.component)}>
          <span className="fault-dot" aria-hidden="true" />
          <span className="fault-label">{f.label}</span>
          <span className="fault-since" title="Failed at (simulated time)">
            since {simClock(f.sinceUs / 1e6)}
          </span>
          <button
            type="button"
            className="fault-repair"
            disabled={phase !== 'active'}
            aria-label={`Repair ${f.label}`}
            onClick={() => void runFaultCommand(faultCommand(f.component, false))}
          >
            Repair
          </button>
        </li>
      ))}
    </ul>
  );
}
