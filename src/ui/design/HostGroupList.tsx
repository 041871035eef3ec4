/**
 * An array's host groups (LUN security): one card per group with its port, name, allowed
 * WWPNs and LU paths. New groups go on the chosen port.
 */
import { useState } from 'react';
import { newHostGroup } from '../../model/factory.ts';
import type { DiskArray } from '../../model/topology.ts';
import { editArray } from './inspector-actions.ts';
import { HostGroupCard } from './HostGroupCard.tsx';
import { useHbaWwpns } from './useHbaWwpns.ts';

export function HostGroupList({ array }: { array: DiskArray }) {
  const fcPorts = array.ports.filter((p) => p.kind === 'fc');
  const [port, setPort] = useState(fcPorts[0]?.id ?? '');
  const hbas = useHbaWwpns();
  const listId = `wwpns-${array.id}`;
  return (
    <section className="form-section" aria-label="Host groups">
      <h3>Host groups and LU paths ({array.hostGroups.length})</h3>
      <datalist id={listId}>
        {hbas.map((h) => (
          <option key={h.wwpn} value={h.wwpn}>
            {h.label}
          </option>
        ))}
      </datalist>
      {array.hostGroups.map((g, i) => (
        <HostGroupCard key={g.id} array={array} index={i} group={g} wwpnListId={listId} />
      ))}
      <div className="button-row">
        <label htmlFor={`new-hg-port-${array.id}`} className="inline-label">
          New host group on
        </label>
        <select id={`new-hg-port-${array.id}`} value={port} onChange={(e) => setPort(e.currentTarget.value)}>
          {fcPorts.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-small"
          disabled={!port}
          onClick={() => editArray(array.id, (a) => ({ ...a, hostGroups: [...a.hostGroups, newHostGroup(a, port)] }))}
        >
          Add host group
        </button>
      </div>
    </section>
  );
}
