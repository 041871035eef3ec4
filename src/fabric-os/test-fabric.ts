/**
 * A fixed two-fabric design and a fake context for the Fabric OS console's tests. Test support
 * only (imported by `*.test.ts`).
 *
 *   fabric A: edge (domain 2) ──ISL p3–p3── core (domain 1)
 *     srv1 hba0 10:00:00:00:c9:00:00:01 ── edge p0   (2,0)
 *     srv2 hba0 10:00:00:00:c9:00:00:02 ── edge p1   (2,1)
 *     arr1 CL1-A 50:06:0e:80:00:00:00:01 ── core p0  (1,0)
 *   fabric B: lone (domain 3), nothing cabled
 */
import type { Zoning } from '../model/topology.ts';
import { Topology } from '../model/topology.ts';
import { fakeContext, type FakeContext } from '../cci/test-topology.ts';
import { createFosSession, type FosSession } from './session.ts';

const place = { siteId: 'main', position: { x: 0, y: 0 } };
const fcPorts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, kind: 'fc', speedGbps: 16 }));
const sw = (id: string, name: string, domainId: number, zoning?: Zoning) => ({ id, name, kind: 'fcSwitch', ...place, ports: fcPorts(4), domainId, ...(zoning ? { zoning } : {}) });
const server = (id: string, n: number) => ({
  id,
  name: id,
  kind: 'server',
  ...place,
  serverClass: 'unix',
  ports: [{ id: 'hba0', kind: 'fc', speedGbps: 16, wwpn: `10:00:00:00:c9:00:00:0${n}` }],
});
const link = (id: string, a: string, ap: string, b: string, bp: string) => ({ id, a: { deviceId: a, portId: ap }, b: { deviceId: b, portId: bp } });

export const SRV1 = '10:00:00:00:c9:00:00:01';
export const SRV2 = '10:00:00:00:c9:00:00:02';
export const ARR1 = '50:06:0e:80:00:00:00:01';

/** The design; `zoning` puts a database on the named switches. */
export function fabricTopology(zoning: { edge?: Zoning; core?: Zoning; lone?: Zoning } = {}): Topology {
  return Topology.parse({
    version: 2,
    name: 'fos test',
    sites: [{ id: 'main', name: 'Main', kind: 'main' }],
    devices: [
      sw('edge', 'edge_sw', 2, zoning.edge),
      sw('core', 'core_sw', 1, zoning.core),
      sw('lone', 'lone_sw', 3, zoning.lone),
      server('srv1', 1),
      server('srv2', 2),
      {
        id: 'arr1',
        name: 'array',
        kind: 'array',
        ...place,
        ports: [{ id: 'CL1-A', kind: 'fc', speedGbps: 16, wwpn: ARR1 }],
        cacheGiB: 16,
        parityGroups: [{ id: 'pg1', tier: 'ssd', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 1920 }],
        ldevs: [],
        hostGroups: [],
        luPaths: [],
      },
    ],
    links: [link('isl', 'edge', 'p3', 'core', 'p3'), link('l1', 'srv1', 'hba0', 'edge', 'p0'), link('l2', 'srv2', 'hba0', 'edge', 'p1'), link('l3', 'arr1', 'CL1-A', 'core', 'p0')],
  });
}

export interface FabricContext extends FakeContext {
  fabricOs: FosSession;
  /** Design writes, in order. */
  designWrites: { switchId: string; zoning: Zoning }[];
}

/** A fake context over `topology` whose design writes replace the switch's zoning (as the app's store would). */
export function fabricContext(topology: Topology = fabricTopology(), options: { designWrites?: boolean } = {}): FabricContext {
  const ctx = fakeContext({ topology }) as FabricContext;
  ctx.fabricOs = createFosSession();
  ctx.designWrites = [];
  if (options.designWrites !== false) {
    ctx.setDesignZoning = (switchId, zoning) => {
      ctx.designWrites.push({ switchId, zoning });
      ctx.topology = { ...ctx.topology, devices: ctx.topology.devices.map((d) => (d.id === switchId && d.kind === 'fcSwitch' ? { ...d, zoning } : d)) };
      return true;
    };
  }
  return ctx;
}
