/** Server fields: class, software roles, and its workloads. */
import { ServerClass, ServerRole, type Server } from '../../model/topology.ts';
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
      <WorkloadList server={server} />
    </>
  );
}
