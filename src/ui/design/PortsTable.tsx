/**
 * A device's ports: id, kind, speed and WWPN, with a cabled marker. Servers can add an FC HBA
 * (auto WWPN) or a LAN NIC and remove a port (its cables go with it). Long lists fold away.
 */
import { useStore } from '../store/index.ts';
import { newPort } from '../../model/factory.ts';
import type { Device, PortKind } from '../../model/topology.ts';
import { removePort } from './inspector-actions.ts';

const FOLD_ABOVE = 6;

function addPort(device: Device, kind: PortKind): void {
  const s = useStore.getState();
  const port = newPort(s.scenario.topology, device, kind);
  s.updateDevice(device.id, (d) => ({ ...d, ports: [...d.ports, port] }));
}

function useCabledPortIds(deviceId: string): Set<string> {
  const links = useStore((s) => s.scenario.topology.links);
  const ids = new Set<string>();
  for (const l of links) {
    if (l.a.deviceId === deviceId) ids.add(l.a.portId);
    if (l.b.deviceId === deviceId) ids.add(l.b.portId);
  }
  return ids;
}

export function PortsTable({ device }: { device: Device }) {
  const cabled = useCabledPortIds(device.id);
  const editable = device.kind === 'server';
  const table = (
    <table className="grid-table ports-table">
      <thead>
        <tr>
          <th scope="col">Port</th>
          <th scope="col">Kind</th>
          <th scope="col">Speed</th>
          <th scope="col">WWPN</th>
          {editable && <th scope="col"><span className="sr-only">Remove</span></th>}
        </tr>
      </thead>
      <tbody>
        {device.ports.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <span className={`port-dot port-dot-${p.kind}${cabled.has(p.id) ? ' is-cabled' : ''}`} aria-hidden="true" />
              {p.id}
            </th>
            <td>{p.kind.toUpperCase()}</td>
            <td>{p.kind === 'fc' ? `${p.speedGbps}G` : `${p.speedGbps} Gb`}</td>
            <td className="mono">{p.wwpn ?? '—'}</td>
            {editable && (
              <td>
                <button type="button" className="btn-x" aria-label={`Remove port ${p.id}`} onClick={() => removePort(device.id, p.id)}>
                  ×
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="form-section" aria-label="Ports">
      <details open={device.ports.length <= FOLD_ABOVE}>
        <summary>
          <h3>Ports ({device.ports.length})</h3>
        </summary>
        {table}
      </details>
      {editable && (
        <div className="button-row">
          <button type="button" className="btn btn-small" onClick={() => addPort(device, 'fc')}>
            Add FC HBA
          </button>
          <button type="button" className="btn btn-small" onClick={() => addPort(device, 'lan')}>
            Add LAN NIC
          </button>
        </div>
      )}
    </section>
  );
}
