/**
 * Tab completion: command names (word by word for raidcom), options from usage text, and
 * option values from the design's copy groups.
 */
import { describe, expect, it } from 'vitest';
import { backupStatus, BACKUP_TOPOLOGY } from '../../cci/backup-fixtures.ts';
import { complete, completionSourcesOf, longestCommonPrefix, type CompletionSources } from './completion.ts';

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

describe('console › completion › tape and backup commands', () => {
  const backupSources: CompletionSources = {
    commands: [
      { name: 'mtx', usage: 'mtx -l <library> status | load <slot> [<drive>] | unload [<slot>] [<drive>]' },
      { name: 'backup', usage: 'backup <ldev> -l <library> -j <job> [-p lan|lan-free|server-less] [-s <server>] [-b <backup-server>] [-c <barcode> ...] [-v <group>[/<device>]]' },
      { name: 'restore', usage: 'restore <job> -t <ldev> -j <newjob> [-p lan|lan-free|server-less] [-s <server>]' },
      { name: 'vol mount', usage: 'vol mount <server> <ldev> [-r]' },
      { name: 'vol unmount', usage: 'vol unmount <server> <ldev>' },
      { name: 'db backup-mode', usage: 'db backup-mode <server> begin|end' },
      { name: 'runbook start', usage: 'runbook start <runbook>' },
      { name: 'runbook step', usage: 'runbook step <runbook>' },
      { name: 'policy set', usage: 'policy set <policy> -t <tenant> -d <ldev> -w <HH:MM> -h <hours> -l <library> [-m replica|direct] [-f daily|weekly]' },
      { name: 'raidcom add hba_wwn', usage: 'raidcom add hba_wwn -port <port>-<host group> -hba_wwn <wwpn> [-I<array>]' },
      { name: 'pairevtwait', usage: 'pairevtwait -g <group> -s <status>... -t <timeout>' },
    ],
    groups: [{ id: 'DB', devices: ['db'] }],
    libraries: [
      { id: 'tape1', barcodes: ['SBX001L8', 'SBX002L8'] },
      { id: 'dvd1', barcodes: ['DVD001D1'] },
    ],
    servers: [
      { id: 'db-server', wwpns: ['10:00:00:00:c9:3a:10:01'] },
      { id: 'backup-server', wwpns: ['10:00:00:00:c9:3a:20:01'] },
    ],
    ldevs: ['db-primary', 'db-secondary'],
    hostGroups: ['CL1-A-0', 'CL2-A-0'],
    runbooks: ['online-backup'],
    policies: ['pA'],
    jobs: ['bk-db'],
  };
  const on = (line: string) => complete(line, line.length, backupSources);

  it('mtx: -l libraries, then the verbs', () => {
    expect(on('mtx -l t').text).toBe('mtx -l tape1 ');
    expect(on('mtx -l tape1 ').candidates).toEqual(['load', 'status', 'unload']);
    expect(on('mtx -l tape1 st').text).toBe('mtx -l tape1 status ');
    expect(on('mtx -l tape1 status ')).toMatchObject({ text: 'mtx -l tape1 status ', candidates: [] });
  });

  it('backup: the LDEV first, then servers, paths, the barcodes of the -l library, groups', () => {
    expect(on('backup db-s').text).toBe('backup db-secondary ');
    expect(on('backup db-secondary -l tape1 -s b').text).toBe('backup db-secondary -l tape1 -s backup-server ');
    expect(on('backup db-secondary -p lan-').text).toBe('backup db-secondary -p lan-free ');
    expect(on('backup db-secondary -l tape1 -c ').candidates).toEqual(['SBX001L8', 'SBX002L8']);
    expect(on('backup db-secondary -l dvd1 -c ').text).toBe('backup db-secondary -l dvd1 -c DVD001D1 ');
    expect(on('backup db-secondary -v D').text).toBe('backup db-secondary -v DB ');
  });

  it('restore, vol, db, runbook, policy: their leading arguments', () => {
    expect(on('restore b').text).toBe('restore bk-db ');
    expect(on('restore bk-db -t db-p').text).toBe('restore bk-db -t db-primary ');
    expect(on('vol mount ').candidates).toEqual(['backup-server', 'db-server']);
    expect(on('vol mount backup-server db-s').text).toBe('vol mount backup-server db-secondary ');
    expect(on('vol mount backup-server db-secondary ').candidates).toEqual([]);
    expect(on('db backup-mode db-server b').text).toBe('db backup-mode db-server begin ');
    expect(on('runbook st').candidates).toEqual(['runbook start', 'runbook step']);
    expect(on('runbook start o').text).toBe('runbook start online-backup ');
    expect(on('policy set p').text).toBe('policy set pA ');
    expect(on('policy set pA -d db-s').text).toBe('policy set pA -d db-secondary ');
    expect(on('policy set pA -m d').text).toBe('policy set pA -m direct ');
  });

  it('raidcom hba_wwn: host groups and server WWPNs', () => {
    expect(on('raidcom add hba_wwn -port CL2').text).toBe('raidcom add hba_wwn -port CL2-A-0 ');
    expect(on('raidcom add hba_wwn -port CL2-A-0 -hba_wwn 10:00:00:00:c9:3a:2').text).toBe('raidcom add hba_wwn -port CL2-A-0 -hba_wwn 10:00:00:00:c9:3a:20:01 ');
  });

  it('-s stays a status for pairevtwait; -c is not a barcode outside backup', () => {
    expect(on('pairevtwait -g DB -s pa').text).toBe('pairevtwait -g DB -s pair ');
    expect(at('paircreate -g VG01 -c ').candidates).toEqual([]);
  });

  it('builds the sources from a topology and a backup status', () => {
    const sourcesOf = completionSourcesOf(BACKUP_TOPOLOGY, backupStatus());
    expect(sourcesOf.libraries).toEqual([
      { id: 'lib1', barcodes: ['ULT001L8', 'ULT002L8', 'ULT003L8', 'ULT004L8'] },
      { id: 'dvd1', barcodes: ['DVD001D1'] },
    ]);
    expect(sourcesOf.servers).toEqual([
      { id: 'db-server', wwpns: ['10:00:00:00:c9:3a:10:01'] },
      { id: 'backup-server', wwpns: ['10:00:00:00:c9:3a:20:01'] },
    ]);
    expect(sourcesOf.ldevs).toEqual(['db-p', 'db-s', 'r-1']);
    expect(sourcesOf.hostGroups).toEqual(['CL1-A-0', 'CL2-A-0', 'CL1-A-1']);
    expect(sourcesOf.runbooks).toEqual(['online', 'restore']);
    expect(sourcesOf.policies).toEqual(['pA', 'pB']);
    expect(sourcesOf.jobs).toEqual(['bk0', 'bk1', 'rs1']);
    expect(sourcesOf.groups).toEqual([{ id: 'DB', devices: ['db'] }]);
    expect(completionSourcesOf(BACKUP_TOPOLOGY, null).runbooks).toEqual([]);
  });
});
