/**
 * The Auto-layout command: lay the design out (auto-layout.ts) with the node sizes React Flow
 * measured, apply every move as ONE undoable edit (Undo restores the old layout), then fit the
 * view to the result. Pinned devices are not in the edit at all, so they cannot move.
 * If the design changes while elk runs, the result is dropped rather than applied to a
 * different document. Needs the ReactFlowProvider (the app shell has it around the toolbar).
 */
import { useCallback, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStore } from '../store/index.ts';
import type { DeviceMove } from '../store/design-edits.ts';
import { autoLayout } from './auto-layout.ts';
import type { Size } from './layout-roles.ts';

const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.1, duration: 250 };
const FIT_DELAY_MS = 60;

export function useAutoLayout(): { run(): Promise<void>; busy: boolean } {
  const { getNodes, fitView } = useReactFlow();
  const [busy, setBusy] = useState(false);
  const run = useCallback(async () => {
    const before = useStore.getState().scenario;
    const sizes = new Map<string, Size>();
    for (const n of getNodes()) if (n.measured?.width && n.measured.height) sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
    setBusy(true);
    try {
      const positions = await autoLayout(before.topology, { sizes });
      const s = useStore.getState();
      if (s.scenario !== before) return void s.setError('The design changed while it was being laid out; press Auto-layout again');
      const moves: DeviceMove[] = [];
      for (const d of before.topology.devices) {
        const p = positions.get(d.id);
        if (!d.pinned && p && (p.x !== d.position.x || p.y !== d.position.y)) moves.push({ id: d.id, position: p });
      }
      const pinned = before.topology.devices.filter((d) => d.pinned).length;
      s.moveDevices(moves, 'commit');
      s.setNotice(`Auto-layout moved ${moves.length} device${moves.length === 1 ? '' : 's'}${pinned ? `; ${pinned} pinned stayed put` : ''} (Undo restores the old layout)`);
      setTimeout(() => void fitView(FIT_OPTIONS), FIT_DELAY_MS);
    } finally {
      setBusy(false);
    }
  }, [getNodes, fitView]);
  return { run, busy };
}
