/** The toolbar's Auto-layout button (see useAutoLayout.ts for what it does). */
import { useStore } from '../store/index.ts';
import { useAutoLayout } from './useAutoLayout.ts';

const TITLE =
  'Arrange the devices in rows by role: clients and LAN, then servers, fabrics, storage and backup; ' +
  'main site on the left, remote on the right. Pinned devices never move. One undoable step.';

export function AutoLayoutButton() {
  const { run, busy } = useAutoLayout();
  const empty = useStore((s) => s.scenario.topology.devices.length === 0);
  return (
    <button type="button" className="btn" onClick={() => void run()} disabled={busy || empty} title={TITLE} aria-busy={busy}>
      Auto-layout
    </button>
  );
}
