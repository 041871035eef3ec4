/**
 * Factory tests: every created device parses with the Device schema, ids and WWPNs are unique
 * across a document built by repeated creation, and the row helpers pick free ids and LUNs.
 */
import { describe, expect, it } from 'vitest';
import { Device, DEVICE_KINDS, Topology, type DiskArray, type Server } from './topology.ts';
import {
  createDevice,
  nextDomainId,
  nextId,
  nextWwpn,
  newHostGroup,
  newLdev,
  newLuPath,
  newWorkload,
  scratchCartridgesFor,
  usableCapacityGiB,
  visibleLus,
} from './factory.ts';

function emptyTopology(): Topology {
  return { version: 2, name: 't', sites: [{ id: 'main', name: 'Main', kind: 'main' }], devices: [], links: [], copyGroups: [], backup: { freeVolumes: [], policies: [] } };
}

/** Add one device of every kind, `rounds` times. */
function filled(rounds: number): Topology {
  const t = emptyTopology();
  for (let r = 0; r < rounds; r++) {
    for (const kind of DEVICE_KINDS) t.devices.push(createDevice(t, kind, { x: r * 10, y: 0 }));
  }
  return t;
}

describe('factory › createDevice', () => {
  it.each(DEVICE_KINDS)('a new %s passes the Device schema', (kind) => {
    const device = createDevice(emptyTopology(), kind, { x: 1.4, y: 2.6 });
    const parsed = Device.safeParse(device);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(device.position).toEqual({ x: 1, y: 3 });
    expect(device.name.length).toBeGreaterThan(0);
  });

  it('a document of many created devices parses and has unique ids and WWPNs', () => {
    const t = filled(3);
    expect(Topology.safeParse(t).success).toBe(true);
    const ids = t.devices.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const wwpns = t.devices.flatMap((d) => d.ports.flatMap((p) => (p.wwpn ? [p.wwpn] : [])));
    expect(wwpns.length).toBeGreaterThan(30);
    expect(new Set(wwpns).size).toBe(wwpns.length);
  });

  it('gives servers 2 FC HBAs with WWPNs and a LAN NIC, arrays the CL ports and a WAN port', () => {
    const t = emptyTopology();
    const server = createDevice(t, 'server', { x: 0, y: 0 }, undefined, 'mainframe');
    expect(server.serverClass).toBe('mainframe');
    expect(server.name).toBe('Mainframe 1');
    expect(server.ports.map((p) => [p.id, p.kind, p.speedGbps])).toEqual([
      ['hba0', 'fc', 16],
      ['hba1', 'fc', 16],
      ['nic0', 'lan', 10],
    ]);
    expect(server.ports[0].wwpn).toMatch(/^10:00:00:00:c9:/);
    const array = createDevice(t, 'array', { x: 0, y: 0 });
    expect(array.ports.map((p) => p.id)).toEqual(['CL1-A', 'CL1-B', 'CL2-A', 'CL2-B', 'wan0']);
    expect(array.ports[0].wwpn).toMatch(/^50:06:0e:80:/);
    expect(array.cacheGiB).toBe(64);
    expect(array.parityGroups).toHaveLength(1);
    expect(array.ldevs).toHaveLength(0);
  });

  it('gives each switch a distinct domain id', () => {
    const t = emptyTopology();
    t.devices.push(createDevice(t, 'fcSwitch', { x: 0, y: 0 }));
    const second = createDevice(t, 'fcSwitch', { x: 0, y: 0 });
    expect(second.id).toBe('switch-2');
    expect(second.domainId).toBe(2);
    expect(nextDomainId(t)).toBe(2);
  });
});

describe('factory › ids and WWPNs', () => {
  it('nextId continues after the highest suffix, ignoring other prefixes', () => {
    const t = emptyTopology();
    t.devices.push({ ...createDevice(t, 'server', { x: 0, y: 0 }), id: 'server-7' });
    expect(nextId(t, 'server')).toBe('server-8');
    expect(nextId(t, 'array')).toBe('array-1');
  });

  it('nextWwpn skips WWPNs in use and pads the counter', () => {
    const t = emptyTopology();
    expect(nextWwpn(t, '10:00:00:00:c9')).toBe('10:00:00:00:c9:00:00:01');
    expect(nextWwpn(t, '50:06:0e:80', ['50:06:0e:80:00:00:00:ff'])).toBe('50:06:0e:80:00:00:01:00');
  });
});

describe('factory › array rows', () => {
  function arrayWithLdevs(): DiskArray {
    const t = emptyTopology();
    const array = createDevice(t, 'array', { x: 0, y: 0 });
    array.ldevs.push(newLdev(array), { ...newLdev(array), id: 'ldev-2' });
    return array;
  }

  it('newLdev ids are unique across arrays of the document', () => {
    const t = emptyTopology();
    const a1 = createDevice(t, 'array', { x: 0, y: 0 });
    a1.ldevs.push(newLdev(a1, t));
    t.devices.push(a1);
    const a2 = createDevice(t, 'array', { x: 0, y: 0 });
    expect(newLdev(a2, t).id).toBe('ldev-2');
  });

  it('newLuPath takes the next free LUN of the host group and an unmapped LDEV; another group on the port starts at 0', () => {
    const array = arrayWithLdevs();
    const hg = newHostGroup(array, 'CL1-A');
    array.hostGroups.push(hg);
    const first = newLuPath(array, hg.id)!;
    expect(first).toEqual({ portId: 'CL1-A', hostGroupId: hg.id, lun: 0, ldevId: 'ldev-1' });
    array.luPaths.push(first);
    expect(newLuPath(array, hg.id)).toMatchObject({ lun: 1, ldevId: 'ldev-2' });
    const other = newHostGroup(array, 'CL1-A');
    array.hostGroups.push(other);
    expect(newLuPath(array, other.id)).toMatchObject({ portId: 'CL1-A', hostGroupId: other.id, lun: 0 });
    expect(newLuPath(array, 'nope')).toBeNull();
  });

  it('usable capacity follows the RAID level', () => {
    expect(usableCapacityGiB({ id: 'p', tier: 'ssd', raid: 'RAID5', diskCount: 8, diskCapacityGiB: 100 })).toBe(700);
    expect(usableCapacityGiB({ id: 'p', tier: 'ssd', raid: 'RAID6', diskCount: 8, diskCapacityGiB: 100 })).toBe(600);
    expect(usableCapacityGiB({ id: 'p', tier: 'ssd', raid: 'RAID1', diskCount: 8, diskCapacityGiB: 100 })).toBe(400);
  });
});

describe('factory › newWorkload', () => {
  it('targets an LU the server can see over a cabled path with its WWPN in the host group', () => {
    const t = emptyTopology();
    const server = createDevice(t, 'server', { x: 0, y: 0 }) as Server;
    t.devices.push(server);
    const array = createDevice(t, 'array', { x: 0, y: 0 });
    array.ldevs.push(newLdev(array, t));
    const hg = { ...newHostGroup(array, 'CL1-B'), wwpns: [server.ports[0].wwpn!] };
    array.hostGroups.push(hg);
    array.luPaths.push(newLuPath(array, hg.id)!);
    t.devices.push(array);
    expect(visibleLus(t, server)).toEqual([]);
    t.links.push({ id: 'link-1', a: { deviceId: server.id, portId: 'hba0' }, b: { deviceId: array.id, portId: 'CL1-B' }, lengthM: 10 });
    expect(visibleLus(t, server)).toEqual([{ arrayId: array.id, portId: 'CL1-B', lun: 0, ldevId: 'ldev-1' }]);
    const wl = newWorkload(server, t)!;
    expect(wl.target).toEqual({ arrayId: array.id, portId: 'CL1-B', lun: 0 });
    expect(wl.startAtS).toBe(0);
  });

  it('is null when the document has no LU', () => {
    const t = emptyTopology();
    const server = createDevice(t, 'server', { x: 0, y: 0 }) as Server;
    expect(newWorkload(server, t)).toBeNull();
  });
});

describe('factory › cartridges', () => {
  it('gives a new tape library scratch cartridges of its drive generation, and a DVD library D1 discs', () => {
    const t = emptyTopology();
    const tape = createDevice(t, 'tapeLibrary', { x: 0, y: 0 });
    expect(tape.cartridges.length).toBeGreaterThan(0);
    expect(tape.cartridges.every((c) => c.barcode.endsWith('L8') && c.scratch && c.slot <= tape.slotCount)).toBe(true);
    const dvd = createDevice(t, 'dvdLibrary', { x: 0, y: 0 });
    expect(dvd.cartridges.every((c) => c.barcode.endsWith('D1'))).toBe(true);
  });

  it('adds scratch cartridges numbered after the prefix\'s highest, in the lowest free slots', () => {
    const t = emptyTopology();
    const tape = { ...createDevice(t, 'tapeLibrary', { x: 0, y: 0 }), driveGeneration: 'LTO-6' as const, cartridges: [{ barcode: 'ABC007L6', slot: 2, scratch: false }] };
    expect(scratchCartridgesFor(tape, 'ABC', 3)).toEqual([
      { barcode: 'ABC008L6', slot: 1, scratch: true },
      { barcode: 'ABC009L6', slot: 3, scratch: true },
      { barcode: 'ABC010L6', slot: 4, scratch: true },
    ]);
    expect(scratchCartridgesFor(tape, 'Q', 1)).toEqual([{ barcode: 'Q00001L6', slot: 1, scratch: true }]);
  });

  it('stops at the last slot and the last number, and refuses a bad prefix', () => {
    const t = emptyTopology();
    const tape = { ...createDevice(t, 'tapeLibrary', { x: 0, y: 0 }), slotCount: 5, cartridges: [{ barcode: 'ABCDE8L8', slot: 1, scratch: true }] };
    expect(scratchCartridgesFor(tape, 'XY', 10).map((c) => c.slot)).toEqual([2, 3, 4, 5]);
    expect(scratchCartridgesFor(tape, 'ABCDE', 10).map((c) => c.barcode)).toEqual(['ABCDE9L8']);
    expect(scratchCartridgesFor(tape, 'abc', 2)).toEqual([]);
    expect(scratchCartridgesFor(tape, 'TOOLONG', 2)).toEqual([]);
    expect(scratchCartridgesFor(tape, 'XY', 0)).toEqual([]);
  });
});
