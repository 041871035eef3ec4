/**
 * A server's workloads (fio vocabulary). Targets are chosen from the LUs the server can see:
 * cabled to the array port and listed in the host group by one of its WWPNs.
 */
import { useMemo } from 'react';
import { useStore } from '../store/index.ts';
import { newWorkload, visibleLus } from '../../model/factory.ts';
import type { Server } from '../../model/topology.ts';
import { editDevice } from './inspector-actions.ts';
import { WorkloadEditor } from './WorkloadEditor.tsx';

function addWorkload(server: Server): void {
  const s = useStore.getState();
  const w = newWorkload(server, s.scenario.topology);
  if (!w) {
    s.setError('Add a workload after an array has an LDEV and an LU path (array inspector)');
    return;
  }
  editDevice(server.id, 'server', (d) => ({ ...d, workloads: [...d.workloads, w] }));
}

export function WorkloadList({ server }: { server: Server }) {
  const topology = useStore((s) => s.scenario.topology);
  const lus = useMemo(() => visibleLus(topology, server), [topology, server]);
  return (
    <section className="form-section" aria-label="Workloads">
      <h3>Workloads ({server.workloads.length})</h3>
      {lus.length === 0 && <p className="muted">This server sees no LU yet: cable an HBA to an array port and add its WWPN to a host group.</p>}
      {server.workloads.map((w, i) => (
        <WorkloadEditor key={w.id} server={server} index={i} workload={w} lus={lus} />
      ))}
      <button type="button" className="btn btn-small" onClick={() => addWorkload(server)}>
        Add workload
      </button>
    </section>
  );
}
