/** The snapshot pools of the design with their use now (the same gauges as on the array nodes). */
import type { DiskArray } from '../../model/topology.ts';
import { useStore } from '../store/index.ts';
import { PoolGauge } from './PoolGauge.tsx';

const NONE: readonly DiskArray[] = [];

function arraysWithPools(devices: readonly { kind: string }[]): readonly DiskArray[] {
  const out = devices.filter((d): d is DiskArray => d.kind === 'array' && ((d as DiskArray).pools ?? []).length > 0);
  return out.length === 0 ? NONE : out;
}

export function PoolList() {
  const devices = useStore((s) => s.scenario.topology.devices);
  const arrays = arraysWithPools(devices);
  if (arrays.length === 0) return null;
  return (
    <section className="form-section" aria-label="Snapshot pools">
      <h3>Snapshot pools</h3>
      {arrays.map((a) => (
        <div key={a.id} className="pool-list-array">
          <h4>{a.name}</h4>
          {a.pools.map((p) => (
            <PoolGauge key={p.id} arrayId={a.id} pool={p} />
          ))}
        </div>
      ))}
    </section>
  );
}
