/**
 * Tab completion: command names (word by word for raidcom), options from usage text, and
 * option values from the design's copy groups.
 */
import { describe, expect, it } from 'vitest';
import { complete, longestCommonPrefix, type CompletionSources } from './completion.ts';

const sources: CompletionSources = {
  commands: [
    { name: 'paircreate', usage: 'paircreate -g <group> [-d <device>] [-vl|-vr] [-c <pace>] [-split]' },
    { name: 'pairdisplay', usage: 'pairdisplay -g <group> [-d <device>] [-fc] [-fx] [-l]' },
    { name: 'pairevtwait', usage: 'pairevtwait -g <group> [-d <device>] -s <status>... -t <timeout>' },
    { name: 'pairsplit', usage: 'pairsplit -g <group> [-d <device>] [-r|-rw] [-fq quick|normal] [-E] [-S]' },
    { name: 'raidcom get pool', usage: 'raidcom get pool' },
    { name: 'raidcom get snapshot', usage: 'raidcom get snapshot' },
    { name: 'raidcom modify ldev', usage: 'raidcom modify ldev -ldev_id <id> -access_attribute read_only|read_write' },
    { name: 'help', usage: 'help [command]' },
    { name: 'clear', usage: 'clear' },
  ],
  groups: [
    { id: 'VG01', devices: ['dev1', 'dev2'] },
    { id: 'VG02', devices: ['db1'] },
    { id: 'SNAP', devices: ['snap0'] },
  ],
};

const at = (line: string) => complete(line, line.length, sources);

describe('console › completion › command names', () => {
  it('completes a unique prefix and adds a space', () => {
    expect(at('pairdi')).toMatchObject({ text: 'pairdisplay ', cursor: 12, candidates: [] });
  });

  it('lists the candidates of an ambiguous prefix that cannot grow', () => {
    const c = at('pair');
    expect(c.text).toBe('pair');
    expect(c.candidates).toEqual(['paircreate', 'pairdisplay', 'pairevtwait', 'pairsplit']);
  });

  it('completes raidcom word by word', () => {
    expect(at('rai').text).toBe('raidcom ');
    expect(at('raidcom g').text).toBe('raidcom get ');
    expect(at('raidcom get p').text).toBe('raidcom get pool ');
  });

  it('is case-insensitive when nothing matches exactly', () => {
    expect(at('PAIRDI').text).toBe('pairdisplay ');
  });

  it('completes command names after help', () => {
    expect(at('help pairs').text).toBe('help pairsplit ');
  });
});

describe('console › completion › option values', () => {
  it('completes -g with the copy groups', () => {
    expect(at('pairdisplay -g S').text).toBe('pairdisplay -g SNAP ');
    expect(at('pairdisplay -g VG').candidates).toEqual(['VG01', 'VG02']);
    expect(at('pairdisplay -g VG').text).toBe('pairdisplay -g VG0');
  });

  it('completes -d with the devices of the group named by -g', () => {
    expect(at('pairsplit -g VG01 -d ').candidates).toEqual(['dev1', 'dev2']);
    expect(at('pairsplit -g VG02 -d ').text).toBe('pairsplit -g VG02 -d db1 ');
  });

  it('completes -d with every device when no group is given', () => {
    expect(at('pairsplit -d d').candidates).toEqual(['db1', 'dev1', 'dev2']);
  });

  it('completes pairevtwait statuses, -fq modes and the access attribute', () => {
    expect(at('pairevtwait -g VG01 -s ps').candidates).toEqual(['psue', 'psus']);
    expect(at('pairsplit -g VG01 -fq q').text).toBe('pairsplit -g VG01 -fq quick ');
    expect(at('raidcom modify ldev -ldev_id x -access_attribute read_o').text).toBe(
      'raidcom modify ldev -ldev_id x -access_attribute read_only ',
    );
  });

  it('completes option names from the usage text', () => {
    expect(at('paircreate -g VG01 -sp').text).toBe('paircreate -g VG01 -split ');
    expect(at('pairsplit -g VG01 -r').candidates).toEqual(['-r', '-rw']);
  });

  it('completes in the middle of a line and keeps the rest', () => {
    const line = 'pairdisplay -g V -fc';
    const c = complete(line, 'pairdisplay -g V'.length, sources);
    expect(c.text).toBe('pairdisplay -g VG0 -fc');
    expect(c.cursor).toBe('pairdisplay -g VG0'.length);
  });

  it('changes nothing for an unknown command or a plain argument', () => {
    expect(at('frobnicate -g V')).toEqual({ text: 'frobnicate -g V', cursor: 15, candidates: [] });
    expect(at('pairdisplay foo')).toEqual({ text: 'pairdisplay foo', cursor: 15, candidates: [] });
  });
});

describe('console › completion › longest common prefix', () => {
  it('is empty for no words and the word itself for one', () => {
    expect(longestCommonPrefix([])).toBe('');
    expect(longestCommonPrefix(['abc'])).toBe('abc');
    expect(longestCommonPrefix(['pairsplit', 'pairsync', 'pair'])).toBe('pair');
  });
});
