import { describe, expect, it } from 'vitest';
import type { Zoning } from '../model/topology.ts';
import { formatCfgshow, formatObjects } from './format.ts';
import { importCfgshow, importProblem } from './import.ts';

const WWN = (n: number) => `10:00:00:00:c9:2b:c9:${n.toString(16).padStart(2, '0')}`;

const ZONING: Zoning = {
  aliases: [
    { name: 'host1', members: [WWN(1), WWN(2)] },
    { name: 'array_ctl0', members: ['50:06:0e:80:00:00:00:01'] },
  ],
  zones: [
    { name: 'z1', members: ['host1', '1,4'] },
    { name: 'zone_host1_array', members: ['host1', 'array_ctl0'] },
    { name: 'z_big', members: Array.from({ length: 5 }, (_, i) => WWN(16 + i)) },
  ],
  cfgs: [{ name: 'prod_cfg', members: ['z1', 'zone_host1_array'] }],
  effectiveCfg: 'prod_cfg',
  defaultZone: 'allaccess',
};

const GOLDEN = `Defined configuration:
 cfg:   prod_cfg
                z1; zone_host1_array
 zone:  z1      host1; 1,4
 zone:  zone_host1_array
                host1; array_ctl0
 zone:  z_big   10:00:00:00:c9:2b:c9:10; 10:00:00:00:c9:2b:c9:11;
                10:00:00:00:c9:2b:c9:12; 10:00:00:00:c9:2b:c9:13;
                10:00:00:00:c9:2b:c9:14
 alias: host1   10:00:00:00:c9:2b:c9:01; 10:00:00:00:c9:2b:c9:02
 alias: array_ctl0
                50:06:0e:80:00:00:00:01

Effective configuration:
 cfg:   prod_cfg
 zone:  z1
                10:00:00:00:c9:2b:c9:01
                10:00:00:00:c9:2b:c9:02
                1,4
 zone:  zone_host1_array
                10:00:00:00:c9:2b:c9:01
                10:00:00:00:c9:2b:c9:02
                50:06:0e:80:00:00:00:01
`;

describe('fabric-os › format › cfgshow', () => {
  it('prints the defined then the effective configuration in Fabric OS layout', () => {
    expect(formatCfgshow(ZONING, ZONING)).toBe(GOLDEN);
  });

  it('keeps every line within 80 columns', () => {
    expect(Math.max(...GOLDEN.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('says when nothing is defined or in effect', () => {
    const none: Zoning = { aliases: [], zones: [], cfgs: [], defaultZone: 'allaccess' };
    expect(formatCfgshow(none, none)).toBe('Defined configuration:\n no configuration defined\n\nEffective configuration:\n no configuration in effect\n');
  });

  it('shows objects by name or wildcard, case-insensitively', () => {
    expect(formatObjects(ZONING, 'zone', 'Z?')).toBe(' zone:  z1      host1; 1,4\n');
    expect(formatObjects(ZONING, 'alias', '*')).toBe(` alias: host1   ${WWN(1)}; ${WWN(2)}\n alias: array_ctl0\n                50:06:0e:80:00:00:00:01\n`);
    expect(formatObjects(ZONING, 'cfg', 'nosuch')).toBeNull();
  });
});

describe('fabric-os › import › cfgshow text', () => {
  it('round-trips: cfgshow → import → cfgshow gives the same text', () => {
    const r = importCfgshow(GOLDEN);
    if (!r.ok) throw new Error(importProblem(r));
    expect(r.zoning).toEqual(ZONING);
    expect(formatCfgshow(r.zoning, r.zoning)).toBe(GOLDEN);
  });

  it('reads a real switch paste: a prompt line, tabs, no effective configuration', () => {
    const text = 'sw1:admin> cfgshow\nDefined configuration:\n cfg:\tc1\tz1\n zone:\tz1\th1; 2,3\n alias:\th1\t10:00:00:00:c9:2b:c9:0c\n\nEffective configuration:\n no configuration in effect\n';
    expect(importCfgshow(text)).toEqual({
      ok: true,
      zoning: {
        aliases: [{ name: 'h1', members: ['10:00:00:00:c9:2b:c9:0c'] }],
        zones: [{ name: 'z1', members: ['h1', '2,3'] }],
        cfgs: [{ name: 'c1', members: ['z1'] }],
        defaultZone: 'allaccess',
      },
    });
  });

  it.each([
    ['hello\n', 'line 1: expected "Defined configuration:" (the first line of cfgshow\'s output), found "hello"'],
    ['', 'no "Defined configuration:" line: paste the whole output of cfgshow'],
    ['Defined configuration:\n zone:  z1      h9\n', 'line 2: zone "z1": invalid zone member "h9": no alias of that name (nor a WWPN or domain,port)'],
    ['Defined configuration:\n zone:  z1      1,1\n zone:  Z1      1,2\n', 'line 3: zone "Z1": duplicate name "Z1": a zone of that name exists'],
    ['Defined configuration:\n zone:  z1      1,1; zz\n', 'line 2: zone "z1": invalid zone member "zz": no alias of that name (nor a WWPN or domain,port)'],
    ['Defined configuration:\n alias: a1      1,1;;q:q\n', 'line 2: alias "a1": invalid member "q:q": a member is a WWPN (xx:xx:xx:xx:xx:xx:xx:xx), a domain,port pair (1,4) or a name'],
    ['Defined configuration:\n fabric: x\n', 'line 2: expected a cfg:, zone: or alias: line, found "fabric: x"'],
    ['Defined configuration:\n zone:  z1      1,1\nEffective configuration:\n cfg:   c9\n', 'the effective configuration "c9" is not in the defined configuration'],
  ])('refuses bad input, naming the line: %j', (text, message) => {
    const r = importCfgshow(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(importProblem(r)).toBe(message);
  });
});
