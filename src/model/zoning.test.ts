import { describe, expect, it } from 'vitest';
import { fabricTopology, ARR1, SRV1, SRV2 } from '../fabric-os/test-fabric.ts';
import type { Zoning } from './topology.ts';
import { canonicalMember, effectiveZoneSets, fabricSwitches, fabricZoning, zoneEndpoint, zonesJoining, zoningAllows, type ZoneEndpoint } from './zoning.ts';

const host1: ZoneEndpoint = { wwpn: SRV1, domainPort: '2,0' };
const host2: ZoneEndpoint = { wwpn: SRV2, domainPort: '2,1' };
const array: ZoneEndpoint = { wwpn: ARR1, domainPort: '1,0' };

const zoning = (patch: Partial<Zoning>): Zoning => ({ aliases: [], zones: [], cfgs: [], defaultZone: 'allaccess', ...patch });

describe('model › zoning › members', () => {
  it('canonical form: lower-case WWPN, d,p without leading zeros, names as they are', () => {
    expect(canonicalMember('50:06:0E:80:00:00:00:01')).toBe('50:06:0e:80:00:00:00:01');
    expect(canonicalMember('01,004')).toBe('1,4');
    expect(canonicalMember('Host1')).toBe('Host1');
  });

  it('alias members expand to the alias members; WWPN and domain,port members match', () => {
    const z = zoning({
      aliases: [{ name: 'h1', members: [SRV1.toUpperCase()] }],
      zones: [
        { name: 'by_alias', members: ['h1', ARR1] },
        { name: 'by_port', members: ['2,1', '01,0'] },
      ],
      cfgs: [{ name: 'c', members: ['by_alias', 'by_port'] }],
      effectiveCfg: 'c',
    });
    expect(effectiveZoneSets(z)).toEqual([new Set([SRV1, ARR1]), new Set(['2,1', '1,0'])]);
    expect(zoningAllows(z, host1, array)).toBe(true);
    expect(zoningAllows(z, host2, array)).toBe(true);
    expect(zoningAllows(z, host1, host2)).toBe(false);
    expect(zonesJoining(z, host2, array)).toEqual(['by_port']);
  });

  it('a name that is no alias matches nothing', () => {
    const z = zoning({ zones: [{ name: 'z', members: ['ghost', ARR1] }], cfgs: [{ name: 'c', members: ['z'] }], effectiveCfg: 'c' });
    expect(zoningAllows(z, host1, array)).toBe(false);
  });
});

describe('model › zoning › defined vs effective', () => {
  const defined = zoning({ zones: [{ name: 'z', members: [SRV1, ARR1] }], cfgs: [{ name: 'c', members: ['z'] }] });

  it('a configuration that is only defined does not restrict anything (default zone decides)', () => {
    expect(effectiveZoneSets(defined)).toBeNull();
    expect(zoningAllows(defined, host2, array)).toBe(true);
    expect(zoningAllows({ ...defined, defaultZone: 'noaccess' }, host1, array)).toBe(false);
  });

  it('the effective configuration lets only its zones through', () => {
    const enabled = { ...defined, effectiveCfg: 'c' };
    expect(zoningAllows(enabled, host1, array)).toBe(true);
    expect(zoningAllows(enabled, host2, array)).toBe(false);
  });

  it('an effective name with no such configuration counts as none in effect', () => {
    expect(effectiveZoneSets({ ...defined, effectiveCfg: 'gone' })).toBeNull();
    expect(zoningAllows({ ...defined, effectiveCfg: 'gone', defaultZone: 'noaccess' }, host1, array)).toBe(false);
    expect(zonesJoining({ ...defined, effectiveCfg: 'gone' }, host1, array)).toEqual([]);
  });

  it('no zoning database at all lets everything through', () => {
    expect(zoningAllows(undefined, host1, host2)).toBe(true);
  });
});

describe('model › zoning › fabrics', () => {
  it('a fabric is the switches cabled to each other', () => {
    const t = fabricTopology();
    expect(fabricSwitches(t, 'edge')).toEqual(['core', 'edge']);
    expect(fabricSwitches(t, 'lone')).toEqual(['lone']);
  });

  it('fabricZoning picks the switch with the lowest domain ID that holds a database', () => {
    const a = zoning({ defaultZone: 'noaccess' });
    const b = zoning({});
    expect(fabricZoning(fabricTopology({ edge: a, core: b }), 'edge')).toEqual({ switchId: 'core', zoning: b });
    expect(fabricZoning(fabricTopology({ edge: a }), 'core')).toEqual({ switchId: 'edge', zoning: a });
    expect(fabricZoning(fabricTopology({ edge: a }), 'lone')).toBeUndefined();
  });

  it('zoneEndpoint gives the WWPN and the domain,port the device is cabled to', () => {
    const t = fabricTopology();
    expect(zoneEndpoint(t, 'srv2', 'hba0')).toEqual({ wwpn: SRV2, domainPort: '2,1' });
    expect(zoneEndpoint(t, 'arr1', 'CL1-A')).toEqual({ wwpn: ARR1, domainPort: '1,0' });
  });
});
