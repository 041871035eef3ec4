import { describe, expect, it } from 'vitest';
import { parseFosLine, splitOperands } from './parse.ts';

describe('fabric-os › parse › quoting', () => {
  it('splits comma-separated operands, quoted or bare', () => {
    expect(splitOperands(' "z1", "m1; m2"')).toEqual(['z1', 'm1; m2']);
    expect(splitOperands('z1,"1,4; 2,5"')).toEqual(['z1', '1,4; 2,5']);
    expect(splitOperands('z1 "a b"')).toEqual(['z1', 'a b']);
    expect(splitOperands('')).toEqual([]);
  });

  it('reads a create line into name and members, trimming blanks around each member', () => {
    expect(parseFosLine('zonecreate "z_db", "host1 ;  50:06:0E:80:00:00:00:01;1,4"')).toEqual({
      ok: true,
      verb: 'zonecreate',
      command: { kind: 'create', object: 'zone', name: 'z_db', members: ['host1', '50:06:0E:80:00:00:00:01', '1,4'] },
    });
    expect(parseFosLine('aliAdd host1, "10:00:00:00:c9:00:00:01"')).toMatchObject({ ok: true, verb: expect.any(String), command: { kind: 'add', object: 'alias', name: 'host1' } });
    expect(parseFosLine('cfgremove "cfg1", "z1"')).toMatchObject({ ok: true, verb: expect.any(String), command: { kind: 'remove', object: 'cfg', members: ['z1'] } });
    expect(parseFosLine('zonedelete "z1"')).toEqual({ ok: true, verb: expect.any(String), command: { kind: 'delete', object: 'zone', name: 'z1' } });
  });

  it('reads the commands without members', () => {
    expect(parseFosLine('cfgenable "cfg1"')).toEqual({ ok: true, verb: expect.any(String), command: { kind: 'cfgenable', name: 'cfg1' } });
    expect(parseFosLine('CFGSAVE')).toEqual({ ok: true, verb: expect.any(String), command: { kind: 'cfgsave' } });
    expect(parseFosLine('defzone --noaccess')).toEqual({ ok: true, verb: expect.any(String), command: { kind: 'defzone', mode: 'noaccess' } });
    expect(parseFosLine('zoneshow "z*"')).toEqual({ ok: true, verb: expect.any(String), command: { kind: 'show', object: 'zone', pattern: 'z*' } });
    expect(parseFosLine('cfgshow')).toEqual({ ok: true, verb: expect.any(String), command: { kind: 'show', object: 'all', pattern: null } });
    expect(parseFosLine('login edge')).toEqual({ ok: true, verb: expect.any(String), command: { kind: 'login', switchRef: 'edge' } });
    expect(parseFosLine('cfgimport\nDefined configuration:\n')).toEqual({ ok: true, verb: expect.any(String), command: { kind: 'cfgimport', text: 'Defined configuration:\n' } });
  });

  it('leaves lines that are not Fabric OS commands to the CCI parser', () => {
    expect(parseFosLine('pairdisplay -g VG01')).toBeNull();
    expect(parseFosLine('cfgshowx')).toBeNull();
    expect(parseFosLine('')).toBeNull();
  });
});

describe('fabric-os › parse › errors', () => {
  it.each([
    ['zonecreate "z1', 'unclosed double quote'],
    ['zonecreate "z1"', 'usage: zonecreate "name", "member1[; member2...]"'],
    ['zonecreate z1, 1,4', 'too many operands: quote the member list, and a domain,port member inside it ("1,4; 2,5")'],
    ['zonecreate "1z", "1,4"', 'invalid name "1z": a name starts with a letter and uses letters, digits and _ (at most 64)'],
    ['zonecreate "z1", "1,4; zz:zz"', 'invalid member "zz:zz": a member is a WWPN (xx:xx:xx:xx:xx:xx:xx:xx), a domain,port pair (1,4) or a name'],
    ['zonecreate "z1", " ; "', 'the member list is empty'],
    ['alicreate "a1", "1,4; 1,04"', '"1,04" is listed twice'],
    ['cfgcreate "c1", "1,4"', 'invalid name "1,4": a name starts with a letter and uses letters, digits and _ (at most 64)'],
    ['defzone --maybe', 'usage: defzone --allaccess | --noaccess | --show'],
    ['cfgsave now', 'usage: cfgsave (no operands)'],
    ['zonecreate "z1",', 'an operand is missing after the last comma'],
  ])('%s', (line, message) => {
    expect(parseFosLine(line)).toEqual({ ok: false, name: line.split(/\s/)[0].toLowerCase(), message });
  });
});

describe('fabric-os › completion', async () => {
  const { completeFosOperand } = await import('./completion.ts');
  const { fabricTopology } = await import('./test-fabric.ts');
  const { createFosSession } = await import('./session.ts');
  const z = { aliases: [{ name: 'host1', members: ['1,1'] }], zones: [{ name: 'z_db', members: ['host1'] }, { name: 'z_dev', members: ['1,2'] }], cfgs: [], defaultZone: 'allaccess' as const };
  const t = fabricTopology({ core: z });
  const session = { ...createFosSession(), switchId: 'edge' };

  it('completes switch ids after login, and names of the right kind inside the quote', () => {
    expect(completeFosOperand('login ed', 8, t, session)).toEqual({ text: 'login edge', cursor: 10, candidates: [] });
    expect(completeFosOperand('zoneadd "z_db', 13, t, session)).toEqual({ text: 'zoneadd "z_db", ', cursor: 16, candidates: [] });
    expect(completeFosOperand('zoneadd "z_d', 12, t, session)).toEqual({ text: 'zoneadd "z_d', cursor: 12, candidates: ['z_db', 'z_dev'] });
    expect(completeFosOperand('alidelete "h', 12, t, session)).toEqual({ text: 'alidelete "host1"', cursor: 17, candidates: [] });
    expect(completeFosOperand('pairdisplay -g', 14, t, session)).toBeNull();
  });
});
