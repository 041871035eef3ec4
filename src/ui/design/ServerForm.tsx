/** Server fields: class, software roles, multipath (with two HBAs or more), and its workloads. */
import { Multipath } from '../../model/topology-monitoring.ts';
import { ServerClass, ServerRole, type Server } from '../../model/topology.ts';
import { NumberField } from './fields/NumberField.tsx';
import { SelectField } from './fields/SelectField.tsx';
import { patchDevice } from './inspector-actions.ts';
import { WorkloadList } from './WorkloadList.tsx';

const CLASS_OPTIONS = ServerClass.options.map((c) => ({ value: c, label: { mainframe: 'Mainframe', unix: 'UNIX', pc: 'PC' }[c] }));

const ROLE_LABEL: Record<Server['roles'][number], string> = {
  database: 'Database (backup mode)',
  'mirror-middleware': 'Mirror middleware',
  'backup-server': 'Backup server',
  'backup-agent': 'Backup agent',
  'coordination-agent': 'Coordination agent',
  'san-manager': 'SAN manager',
};

function toggleRole(server: Server, role: Server['roles'][number], on: boolean): void {
  const roles = on ? ServerRole.options.filter((r) => r === role || server.roles.includes(r)) : server.roles.filter((r) => r !== role);
  patchDevice(server.id, 'server', { roles });
}

const POLICY_OPTIONS = Multipath.shape.policy.unwrap().options.map((p) => ({ value: p, label: p === 'round-robin' ? 'Round-robin (every path)' : 'Active/standby (first path, others for failover)' }));

/** Multipath I/O: how the server spreads I/O over its paths and how fast it fails over (docs/faults.md). */
function MultipathFields({ server }: { server: Server }) {
  const mp = Multipath.parse(server.multipath ?? {});
  const set = (patch: Partial<Multipath>) => patchDevice(server.id, 'server', { multipath: { ...mp, ...patch } });
  const hbas = server.ports.filter((p) => p.kind === 'fc').length;
  return (
    <section className="form-section" aria-label="Multipath">
      <h3>Multipath</h3>
      {hbas < 2 && <p className="muted">One HBA: every path shares it, so the HBA or its cable is a single point of failure.</p>}
      <SelectField label="Policy" value={mp.policy} options={POLICY_OPTIONS} onChange={(policy) => set({ policy })} />
      <NumberField label="Failover time" unit="s" value={mp.failoverS} schema={Multipath.shape.failoverS.unwrap()} onCommit={(v) => v !== undefined && set({ failoverS: v })} />
      <NumberField label="Path check interval" unit="s" value={mp.checkIntervalS} schema={Multipath.shape.checkIntervalS.unwrap()} onCommit={(v) => v !== undefined && set({ checkIntervalS: v })} />
    </section>
  );
}

export function ServerForm({ server }: { server: Server }) {
  return (
    <>
      <section className="form-section" aria-label="Server">
        <SelectField label="Class" value={server.serverClass} options={CLASS_OPTIONS} onChange={(c) => patchDevice(server.id, 'server', { serverClass: c })} />
        <fieldset className="checks">
          <legend>Software roles</legend>
          {ServerRole.options.map((role) => (
            <label key={role} className="check">
              <input type="checkbox" checked={server.roles.includes(role)} onChange={(e) => toggleRole(server, role, e.currentTarget.checked)} />
              {ROLE_LABEL[role]}
            </label>
          ))}
        </fieldset>
      </section>
      <MultipathFields server={server} />
      <WorkloadList server={server} />
    </>
  );
}
