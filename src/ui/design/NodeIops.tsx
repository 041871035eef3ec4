/**
 * The live IOPS figure on a node. Subscribes to ONE number of the sim slice, so a telemetry
 * frame re-renders this badge and nothing else of the node or the canvas.
 */
import { memo } from 'react';
import { useStore } from '../store/index.ts';

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const NodeIops = memo(function NodeIops({ deviceId, always }: { deviceId: string; always: boolean }) {
  const iops = useStore((s) => s.sim.live.deviceIops[deviceId]);
  if (iops === undefined && !always) return null;
  return (
    <span className="node-iops" data-testid={`iops-${deviceId}`}>
      IOPS {iops === undefined ? '—' : fmt.format(iops)}
    </span>
  );
});
