import { describe, expect, it } from 'vitest';
import { CCI_COMMANDS, runCci } from './execute.ts';
import { fakeContext } from './test-topology.ts';
import { tokenize } from './tokenize.ts';

/** Runs `line` on a fresh fake context; returns the output and the actions applied. */
async function run(line: string, patch: Parameters<typeof fakeContext>[0] = {}) {
  const ctx = fakeContext(patch);
  const out = await runCci(line, ctx);
  return { ...out, applied: ctx.applied, ctx };
}

describe('cci › tokenize', () => {
  it('splits on blanks and honours quotes, escapes and comments', () => {
    expect(tokenize(`pairsplit  -g 'VG 01' -d "dev\\"1" a\\ b # the rest`)).toEqual({ ok: true, words: ['pairsplit', '-g', 'VG 01', '-d', 'dev"1', 'a b'] });
    expect(tokenize('a#b')).toEqual({ ok: true, words: ['a#b'] });
    expect(tokenize('echo "open')).toEqual({ ok: false, message: 'unclosed double quote' });
  });
});

describe('cci › parse › state-changing commands become actions', () => {
  it.each([
    ['paircreate -g VG01', { type: 'pairCreate', group: 'VG01', pace: 3, split: false }],
    ['paircreate -g VG01 -d dev1 -vl -c 15 -split', { type: 'pairCreate', group: 'VG01', device: 'dev1', pace: 15, split: true }],
    ['paircreate -g VG01 -vr -c 1', { type: 'pairCreate', group: 'VG01', pace: 1, split: false }],
    ['paircreate -g SNAP1 -d gen0 -pid pool0', { type: 'pairCreate', group: 'SNAP1', device: 'gen0', pace: 3, split: false }],
    ['paircreate -g SNAP1 -pid ti-pool', { type: 'pairCreate', group: 'SNAP1', pace: 3, split: false }],
    ['pairsplit -g VG01', { type: 'pairSplit', group: 'VG01', mode: 'steady', access: 'rw' }],
    ['pairsplit -g VG01 -d dev2 -r -fq quick', { type: 'pairSplit', group: 'VG01', device: 'dev2', mode: 'quick', access: 'r' }],
    ['pairsplit -g VG01 -rw -fq normal', { type: 'pairSplit', group: 'VG01', mode: 'steady', access: 'rw' }],
    ['pairsplit -g VG01 -E', { type: 'pairSuspend', group: 'VG01' }],
    ['pairsplit -g VG01 -d dev1 -S', { type: 'pairDelete', group: 'VG01', device: 'dev1' }],
    ['pairresync -g VG01', { type: 'pairResync', group: 'VG01', restore: false }],
    ['pairresync -g VG01 -d dev1 -restore -c 7', { type: 'pairResync', group: 'VG01', device: 'dev1', restore: true, pace: 7 }],
    ['raidcom modify ldev -ldev_id db-s -access_attribute read_only', { type: 'setReadOnly', ldevId: 'db-s', readOnly: true }],
    ['raidcom modify ldev -access_attribute read_write -ldev_id 00:1A', { type: 'setReadOnly', ldevId: '00:1A', readOnly: false }],
    ['PAIRSPLIT -g VG01 -IM0', { type: 'pairSplit', group: 'VG01', mode: 'steady', access: 'rw' }],
  ])('%s', async (line, action) => {
    const out = await run(line);
    expect(out).toMatchObject({ exitCode: 0, stderr: '', actions: [action] });
    expect(out.applied).toEqual([action]);
  });
});

describe('cci › parse › malformed lines never reach the engine', () => {
  it.each([
    ['frobnicate -g VG01', 'EX_UNWCMD', 230, 'frobnicate: [EX_UNWCMD] Unknown command'],
    ['pairsplit -g VG01 -x', 'EX_UNWOPT', 252, 'pairsplit: [EX_UNWOPT] Unknown option\n  unknown option -x'],
    ['paircreate -d dev1', 'EX_REQARG', 254, 'paircreate: [EX_REQARG] Required Arg list\n  -g <group> is required'],
    ['pairsplit -g', 'EX_REQARG', 254, '-g needs a group name'],
    ['pairsplit -g -d dev1', 'EX_REQARG', 254, '-g needs a group name'],
    ['paircreate -g VG01 -c 16', 'EX_INVARG', 253, 'paircreate: [EX_INVARG] Invalid argument\n  -c: pace "16" is not an integer 1-15'],
    ['paircreate -g VG01 -c 0', 'EX_INVARG', 253, 'pace "0"'],
    ['paircreate -g VG01 -c fast', 'EX_INVARG', 253, 'pace "fast"'],
    ['pairresync -g VG01 -c 2.5', 'EX_INVARG', 253, 'pace "2.5"'],
    ['pairsplit -g VG01 -fq slow', 'EX_INVARG', 253, '-fq: "slow" is not quick or normal'],
    ['pairsplit -g VG01 -E -S', 'EX_CMDERR', 1, '-E and -S cannot be used together'],
    ['pairsplit -g VG01 -S -r', 'EX_CMDERR', 1, '-S and -r cannot be used together'],
    ['pairsplit -g VG01 -r -rw', 'EX_CMDERR', 1, '-r and -rw cannot be used together'],
    ['pairsplit -g VG01 -E -fq quick', 'EX_CMDERR', 1, '-E and -fq cannot be used together'],
    ['paircreate -g VG01 -vl -vr', 'EX_CMDERR', 1, '-vl and -vr cannot be used together'],
    ['paircreate -g VG01 -g VG02', 'EX_CMDERR', 1, '-g is given twice'],
    ['paircreate -g VG01 dev1', 'EX_CMDERR', 1, 'unexpected argument "dev1"'],
    ['pairsplit -g "VG01', 'EX_CMDERR', 1, 'unclosed double quote'],
    ['raidcom get ldev', 'EX_CMDERR', 1, 'unknown raidcom action "get ldev"'],
    ['raidcom modify ldev -ldev_id db-s', 'EX_REQARG', 254, '-access_attribute read_only|read_write is required'],
    ['raidcom modify ldev -ldev_id db-s -access_attribute protect', 'EX_INVARG', 253, '"protect" is not read_only or read_write'],
    ['pairevtwait -g VG01 -t 10', 'EX_REQARG', 254, '-s <status> is required'],
    ['pairevtwait -g VG01 -s pair', 'EX_REQARG', 254, '-t <timeout> is required'],
    ['pairevtwait -g VG01 -s pair done -t 5', 'EX_INVARG', 253, '-s: unknown status "done"'],
    ['pairevtwait -g VG01 -s pair -t soon', 'EX_INVARG', 253, '-t: "soon" is not a number of seconds'],
    ['sleep', 'EX_REQARG', 254, 'sleep needs a number of seconds'],
    ['sleep 0', 'EX_INVARG', 253, 'must be positive'],
    ['sleep 1 2', 'EX_CMDERR', 1, 'unexpected argument "2"'],
    ['help nothing', 'EX_UNWCMD', 230, 'help: [EX_UNWCMD] Unknown command\n  no command "nothing"'],
  ])('%s → %s', async (line, code, exitCode, text) => {
    const out = await run(line);
    expect(out.exitCode).toBe(exitCode);
    expect(out.stderr).toContain(`[${code}]`);
    expect(out.stderr).toContain(text);
    expect(out.stdout).toBe('');
    expect(out.actions).toEqual([]);
    expect(out.applied).toEqual([]);
    expect(out.ctx.advances).toEqual([]);
  });

  it('blank lines and comments do nothing, silently', async () => {
    for (const line of ['', '   ', '# pairsplit -g VG01', '  # note']) {
      const out = await run(line);
      expect(out).toMatchObject({ exitCode: 0, stdout: '', stderr: '', actions: [], applied: [] });
    }
  });
});

describe('cci › execute › addressing', () => {
  it('rejects an unknown group with EX_ENOGRP, listing the groups', async () => {
    const out = await run('pairsplit -g VG09');
    expect(out).toMatchObject({ exitCode: 239, stderr: 'pairsplit: [EX_ENOGRP] No such group\n  no group "VG09" (groups: VG01, SNAP1)\n', applied: [] });
  });

  it('rejects an unknown device with EX_ENODEV, listing the devices', async () => {
    const out = await run('pairdisplay -g VG01 -d dev9');
    expect(out).toMatchObject({ exitCode: 246, applied: [] });
    expect(out.stderr).toBe('pairdisplay: [EX_ENODEV] No such device\n  group VG01 has no device "dev9" (devices: dev1, dev2)\n');
  });

  it('rejects -pid on a non-snapshot group and a -pid naming another pool', async () => {
    const local = await run('paircreate -g VG01 -pid pool0');
    expect(local).toMatchObject({ exitCode: 253, applied: [] });
    expect(local.stderr).toContain('-pid is for snapshot groups; VG01 is a local group');
    const other = await run('paircreate -g SNAP1 -pid pool7');
    expect(other).toMatchObject({ exitCode: 253, applied: [] });
    expect(other.stderr).toContain('-pid pool7: group SNAP1 uses pool pool0');
  });

  it('rejects raidcom modify ldev on an unknown LDEV with EX_ENOOBJ', async () => {
    const out = await run('raidcom modify ldev -ldev_id nope -access_attribute read_only');
    expect(out).toMatchObject({ exitCode: 205, applied: [] });
    expect(out.stderr).toContain('no LDEV "nope" in this topology');
  });
});

describe('cci › execute › engine verdicts', () => {
  it('passes the engine code and message through, recording nothing', async () => {
    const out = await run('pairsplit -g VG01 -d dev2', { verdict: () => ({ ok: false, code: 'EX_INVSTP', message: 'VG01/dev2: COPY: the initial copy is running' }) });
    expect(out).toMatchObject({ exitCode: 228, stdout: '', actions: [] });
    expect(out.stderr).toBe('pairsplit: [EX_INVSTP] Invalid pair status\n  VG01/dev2: COPY: the initial copy is running\n');
    expect(out.applied).toHaveLength(1);
  });

  it.each([
    ['EX_ENQSIZ', 212],
    ['EX_INVVOL', 222],
    ['EX_CMDRJE', 221],
    ['EX_SOMETHING_NEW', 1],
  ])('maps engine code %s to exit %i', async (code, exitCode) => {
    const out = await run('paircreate -g VG01', { verdict: () => ({ ok: false, code, message: 'why' }) });
    expect(out.exitCode).toBe(exitCode);
    expect(out.stderr).toMatch(new RegExp(`^paircreate: \\[${code}\\] .+\\n  why\\n$`));
  });

  it('a rejection without a code is EX_CMDRJE', async () => {
    const out = await run('raidcom modify ldev -ldev_id db-s -access_attribute read_only', { verdict: () => ({ ok: false, message: 'no' }) });
    expect(out).toMatchObject({ exitCode: 221, stderr: 'raidcom: [EX_CMDRJE] An order to the control/command device was rejected\n  no\n' });
  });

  it('a redundant command exits 0 with a note and records nothing', async () => {
    const out = await run('pairresync -g VG01 -d dev1', { verdict: () => ({ ok: true, redundant: true, message: 'nothing to do: VG01/dev1 is already PAIR' }) });
    expect(out).toMatchObject({ exitCode: 0, stdout: 'pairresync: nothing to do: VG01/dev1 is already PAIR\n', stderr: '', actions: [] });
    const bare = await run('pairresync -g VG01', { verdict: () => ({ ok: true, redundant: true }) });
    expect(bare).toMatchObject({ exitCode: 0, stdout: 'pairresync: nothing to do\n', actions: [] });
  });
});

describe('cci › help', () => {
  it('lists every command, and shows one command with its usage', async () => {
    const all = await run('help');
    for (const c of CCI_COMMANDS) expect(all.stdout).toContain(c.name);
    const one = await run('help pairsplit');
    expect(one.stdout).toBe(`usage: ${CCI_COMMANDS.find((c) => c.name === 'pairsplit')!.usage}\n  ${CCI_COMMANDS.find((c) => c.name === 'pairsplit')!.summary}\n`);
    const raidcom = await run('help raidcom');
    expect(raidcom.stdout.match(/^usage: raidcom/gm)).toHaveLength(13); // get pool, get snapshot, get journal, modify ldev, add / delete hba_wwn + add/delete host_grp, add/delete lun, get host_grp/hba_wwn/lun
  });

  it('-h on a command prints its usage and changes nothing', async () => {
    const out = await run('pairsplit -g VG01 -h');
    expect(out.stdout).toMatch(/^usage: pairsplit -g <group>/);
    expect(out.applied).toEqual([]);
  });

  it('has a usage and a summary for every command', () => {
    expect(new Set(CCI_COMMANDS.map((c) => c.name)).size).toBe(CCI_COMMANDS.length);
    for (const c of CCI_COMMANDS) {
      expect(c.usage.startsWith(c.name)).toBe(true);
      expect(c.summary.length).toBeGreaterThan(10);
    }
  });
});
