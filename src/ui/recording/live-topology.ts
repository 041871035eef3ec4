/**
 * The topology as a running emulation has it after live actions, pure: `applyLiveActions`
 * applies setWorkload, setZoning, setHostGroup, setHostGroupWwpn and setLuPath to a document the
 * way the engine applies them to its run-time copy (engine/host/workload.ts `change`,
 * engine/fabric/runtime-access.ts), and `runtimeView` keeps only what the run can tell apart.
 *
 * Used by the live-edit hook to know what the run already has (so an edit committed twice —
 * Enter, then blur — is applied and recorded once) and by the tests to check that an edit's
 * actions reproduce it. Other actions leave the document as it is (they change no design field).
 */
import type { Action } from '../../model/scenario.ts';
import type { Device, DiskArray, Topology } from '../../model/topology.ts';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

function mapDevice(t: Topology, id: string, fn: (d: Device) => Device): Topology {
  return { ...t, devices: t.devices.map((d) => (d.id === id ? fn(d) : d)) };
}

function applySetWorkload(t: Topology, a: Of<'setWorkload'>): Topology {
  return mapDevice(t, a.serverId, (d) => {
    if (d.kind !== 'server') return d;
    const workloads = d.workloads.map((w) => {
      if (w.id !== a.workloadId) return w;
      const next = { ...w, ...a.changes };
      if (a.changes.rate_iops !== undefined) delete next.iodepth;
      if (a.changes.iodepth !== undefined) delete next.rate_iops;
      return next;
    });
    return { ...d, workloads };
  });
}

function mapArray(t: Topology, arrayId: string, fn: (a: DiskArray) => DiskArray): Topology {
  return mapDevice(t, arrayId, (d) => (d.kind === 'array' ? fn(d) : d));
}

function applyHostGroup(a: DiskArray, x: Of<'setHostGroup'>): DiskArray {
  const exists = a.hostGroups.some((g) => g.id === x.hostGroupId);
  if (x.present) return exists ? a : { ...a, hostGroups: [...a.hostGroups, { id: x.hostGroupId, name: x.hostGroupId, portId: x.portId, wwpns: [] }] };
  return { ...a, hostGroups: a.hostGroups.filter((g) => g.id !== x.hostGroupId), luPaths: a.luPaths.filter((p) => p.hostGroupId !== x.hostGroupId) };
}

function applyWwpn(a: DiskArray, x: Of<'setHostGroupWwpn'>): DiskArray {
  const hostGroups = a.hostGroups.map((g) => {
    if (g.id !== x.hostGroupId) return g;
    const has = g.wwpns.includes(x.wwpn);
    if (x.member === has) return g;
    return { ...g, wwpns: x.member ? [...g.wwpns, x.wwpn] : g.wwpns.filter((w) => w !== x.wwpn) };
  });
  return { ...a, hostGroups };
}

function applyLuPath(a: DiskArray, x: Of<'setLuPath'>): DiskArray {
  const rest = a.luPaths.filter((p) => !(p.portId === x.portId && p.hostGroupId === x.hostGroupId && p.lun === x.lun));
  const luPaths = x.ldevId === undefined ? rest : [...rest, { portId: x.portId, hostGroupId: x.hostGroupId, lun: x.lun, ldevId: x.ldevId }];
  return { ...a, luPaths };
}

function applyOne(t: Topology, a: Action): Topology {
  switch (a.type) {
    case 'setWorkload':
      return applySetWorkload(t, a);
    case 'setZoning':
      return mapDevice(t, a.switchId, (d) => (d.kind === 'fcSwitch' ? { ...d, zoning: a.zoning } : d));
    case 'setHostGroup':
      return mapArray(t, a.arrayId, (x) => applyHostGroup(x, a));
    case 'setHostGroupWwpn':
      return mapArray(t, a.arrayId, (x) => applyWwpn(x, a));
    case 'setLuPath':
      return mapArray(t, a.arrayId, (x) => applyLuPath(x, a));
    default:
      return t;
  }
}

/** `topology` with `actions` applied in order, as the run has it. */
export function applyLiveActions(topology: Topology, actions: readonly Action[]): Topology {
  return actions.reduce(applyOne, topology);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What the run can tell apart: positions dropped; host groups without their names (the run has
 * none), sorted by id with sorted WWPNs; LU paths sorted (the engine scans them sorted).
 */
export function runtimeView(t: Topology): unknown {
  const devices = t.devices.map((d) => {
    const { position: _position, ...rest } = d;
    if (d.kind !== 'array') return rest;
    return {
      ...rest,
      hostGroups: [...d.hostGroups].sort((a, b) => byText(a.id, b.id)).map((g) => ({ id: g.id, portId: g.portId, wwpns: [...g.wwpns].sort() })),
      luPaths: [...d.luPaths].sort((a, b) => byText(`${a.portId} ${a.hostGroupId} ${String(a.lun).padStart(4, '0')}`, `${b.portId} ${b.hostGroupId} ${String(b.lun).padStart(4, '0')}`)),
    };
  });
  return { ...t, devices };
}
