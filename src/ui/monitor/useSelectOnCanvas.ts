/**
 * Select a device or a cable on the canvas from the Monitor tab (an alert's device, a row of
 * the health list) and bring it into view — a cable by fitting both of its ends. The side panel
 * stays on the Monitor tab. Needs the ReactFlowProvider (the app shell has it around the panel).
 */
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStore } from '../store/index.ts';

const FIT = { duration: 300, maxZoom: 1.1, padding: 0.4 };

export function useSelectOnCanvas(): (id: string) => boolean {
  const { fitView } = useReactFlow();
  return useCallback(
    (id: string) => {
      const s = useStore.getState();
      const t = s.scenario.topology;
      if (t.devices.some((d) => d.id === id)) {
        s.select([id], []);
        void fitView({ ...FIT, nodes: [{ id }] });
        return true;
      }
      const link = t.links.find((l) => l.id === id);
      if (!link) return false;
      s.select([], [id]);
      void fitView({ ...FIT, nodes: [{ id: link.a.deviceId }, { id: link.b.deviceId }] });
      return true;
    },
    [fitView],
  );
}
