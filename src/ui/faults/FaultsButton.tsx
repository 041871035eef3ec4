/**
 * The run controls' Faults… button (a lightning bolt, to keep the header on one line): opens the
 * Inject fault dialog (the keyboard way to fail or repair a component) and shows how many faults
 * are active now.
 */
import { InjectFaultDialog } from './InjectFaultDialog.tsx';
import { useActiveFaults } from './useActiveFaults.ts';
import { useFaultUi } from './useFaultUi.ts';
import './faults.css';

/** A lightning bolt: a fault strikes. */
const ICON_BOLT = 'M9.5 1 3 9h4l-1 6 6.5-8h-4z';

export function FaultsButton() {
  const count = useActiveFaults().length;
  return (
    <>
      <button
        type="button"
        className="sim-btn fault-btn"
        aria-label={count > 0 ? `Faults… (${count} active)` : 'Faults…'}
        title="Faults… — inject a fault or repair one (also: right-click a device or cable on the canvas)"
        onClick={() => useFaultUi.getState().setDialogOpen(true)}
      >
        <svg className="sim-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path d={ICON_BOLT} fill="currentColor" />
        </svg>
        {count > 0 && (
          <span className="fault-count" aria-hidden="true">
            {count}
          </span>
        )}
      </button>
      <InjectFaultDialog />
    </>
  );
}
