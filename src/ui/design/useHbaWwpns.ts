/**
 * Every server HBA WWPN in the document with a readable label (`UNIX server 1 hba0`), for the
 * host-group WWPN picker. Recomputed only when the device list changes.
 */
import { useMemo } from 'react';
import { useStore } from '../store/index.ts';

export interface HbaWwpn {
  wwpn: string;
  label: string;
}

export function useHbaWwpns(): HbaWwpn[] {
  const devices = useStore((s) => s.scenario.topology.devices);
  return useMemo(
    () =>
      devices.flatMap((d) =>
        d.kind === 'server' ? d.ports.flatMap((p) => (p.wwpn ? [{ wwpn: p.wwpn, label: `${d.name} ${p.id}` }] : [])) : [],
      ),
    [devices],
  );
}
