import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CCI_COMMANDS, runCci } from './execute.ts';
import { parseLine } from './parse.ts';
import { remoteContext } from './remote-fixtures.ts';
import type { FakeContext } from './test-topology.ts';

async function run(line: string, patch: Partial<FakeContext> = {}, withRemote = true) {
  const ctx = remoteContext(patch, withRemote);
  const out = await runCci(line, ctx);
  return { ...out, applied: ctx.applied, ctx };
}

describe('cci › remote copy › state-changing commands become actions', () => {
  it.each([
    ['paircreate -g TC01 -vl -f data', { type: 'pairCreate', group: 'TC01', pace: 3, split: false, fence: 'data' }],
    ['paircreate -g TC01 -d sdev1 -f NEVER -c 15', { type: 'pairCreate', group: 'TC01', device: 'sdev1', pace: 15, split: false, fence: 'never' }],
    ['paircreate -g TC01 -f status -vr', { type: 'pairCreate', group: 'TC01', pace: 3, split: false, fence: 'status' }],
    ['paircreate -g UR01 -vl -f async', { type: 'pairCreate', group: 'UR01', pace: 3, split: false }],
    ['paircreate -g UR01 -f async 7 -jp 5 -js 2', { type: 'pairCreate', group: 'UR01', pace: 3, split: false, consistencyGroup: 7, masterJournal: 5, restoreJournal: 2 }],
    ['paircreate -g UR01 -d udev2 -jp 1 -f async 0', { type: 'pairCreate', group: 'UR01', device: 'udev2', pace: 3, split: false, consistencyGroup: 0, masterJournal: 1 }],
    ['pairsplit -g UR01 -RS', { type: 'pairSplit', group: 'UR01', mode: 'steady', access: 'rw', takeover: true }],
    ['pairsplit -g TC01 -d sdev1 -RS', { type: 'pairSplit', group: 'TC01', device: 'sdev1', mode: 'steady', access: 'rw', takeover: true }],
    ['pairsplit -g UR01', { type: 'pairSplit', group: 'UR01', mode: 'steady', access: 'rw' }],
    ['pairresync -g UR01 -swaps', { type: 'pairResync', group: 'UR01', restore: false, swap: true }],
    ['pairresync -g TC01 -swapp -c 9', { type: 'pairResync', group: 'TC01', restore: false, pace: 9, swap: true }],
    ['pairresync -g UR01', { type: 'pairResync', group: 'UR01', restore: false }],
    ['paircreate -g LOC -c 4', { type: 'pairCreate', group: 'LOC', pace: 4, split: false }],
  ])('%s', async (line, action) => {
    const out = await run(line);
    expect(out).toMatchObject({ exitCode: 0, stderr: '', actions: [action] });
    expect(out.applied).toEqual([action]);
  });
});

describe('cci › remote copy › refusals never reach the engine', () => {
  it.each([
    ['paircreate -g TC01', 'EX_REQARG', 254, '-f <fence> is required for remote-sync (TrueCopy) group TC01: -f data, -f status or -f never'],
    ['paircreate -g UR01 -jp 1', 'EX_REQARG', 254, '-f async [CTG] is required for remote-async (Universal Replicator) group UR01'],
    ['paircreate -g TC01 -f async', 'EX_INVARG', 253, '-f async: TC01 is a remote-sync (TrueCopy) group (-f data, status or never)'],
    ['paircreate -g UR01 -f never', 'EX_INVARG', 253, '-f never: UR01 is a remote-async (Universal Replicator) group (-f async [CTG])'],
    ['paircreate -g TC01 -f data -jp 1', 'EX_INVARG', 253, '-jp / -js are for remote-async groups; TC01 is remote-sync'],
    ['paircreate -g UR01 -f async -jp 2', 'EX_INVARG', 253, "-jp 2: array arr-m (the P-VOLs' array) has no journal 2 (journals: 1, 5)"],
    ['paircreate -g UR01 -f async -js 1', 'EX_INVARG', 253, "-js 1: array arr-r (the S-VOLs' array) has no journal 1 (journals: 2)"],
    ['paircreate -g LOC -f never', 'EX_INVARG', 253, '-f is for remote pairs; LOC is a local group'],
    ['paircreate -g LOC -js 2', 'EX_INVARG', 253, '-js is for remote pairs; LOC is a local group'],
    ['pairsplit -g LOC -RS', 'EX_INVARG', 253, '-RS is for remote pairs; LOC is a local group'],
    ['pairresync -g LOC -swaps', 'EX_INVARG', 253, '-swaps is for remote pairs; LOC is a local group'],
    ['paircreate -g UR01 -f sometimes', 'EX_INVARG', 253, '-f: "sometimes" is not a fence level (data, status, never or async)'],
    ['paircreate -g UR01 -f async 256', 'EX_INVARG', 253, '-f async: CTG "256" is not an integer 0-255'],
    ['paircreate -g TC01 -f data 3', 'EX_INVARG', 253, '-f data 3: a CTG is given with -f async only'],
    ['paircreate -g UR01 -f async 1 2', 'EX_CMDERR', 1, 'unexpected argument "2"'],
    ['paircreate -g UR01 -f async -jp x', 'EX_INVARG', 253, '-jp: journal ID "x" is not an integer 0-255'],
    ['paircreate -g UR01 -f', 'EX_REQARG', 254, '-f needs a fence level'],
    ['pairsplit -g UR01 -R', 'EX_CMDRJE', 221, 'pairsplit -R is not supported in SANdbox: use -RS'],
    ['pairsplit -g UR01 -RB', 'EX_CMDRJE', 221, 'pairsplit -RB is not supported'],
    ['pairsplit -g UR01 -RS -S', 'EX_CMDERR', 1, '-S and -RS cannot be used together'],
    ['pairsplit -g UR01 -RS -r', 'EX_CMDERR', 1, '-RS and -r cannot be used together'],
    ['pairsplit -g UR01 -RS -fq quick', 'EX_CMDERR', 1, '-RS and -fq cannot be used together'],
    ['pairresync -g UR01 -swaps -restore', 'EX_CMDERR', 1, '-restore and -swaps cannot be used together'],
    ['paircreate -g UR09 -f async', 'EX_ENOGRP', 239, 'no group "UR09" (groups: TC01, UR01, LOC)'],
  ])('%s → %s', async (line, code, exitCode, text) => {
    const out = await run(line);
    expect(out.stderr).toContain(`[${code}]`);
    expect(out.stderr).toContain(text);
    expect(out.exitCode).toBe(exitCode);
    expect(out.stdout).toBe('');
    expect(out.actions).toEqual([]);
    expect(out.applied).toEqual([]);
  });

  it('passes the engine verdict on a takeover through', async () => {
    const out = await run('pairsplit -g UR01 -RS', { verdict: () => ({ ok: false, code: 'EX_INVSTP', message: 'UR01/udev1: SMPL: create the pair first' }) });
    expect(out).toMatchObject({ exitCode: 228, stdout: '', actions: [] });
    expect(out.stderr).toBe('pairsplit: [EX_INVSTP] Invalid pair status\n  UR01/udev1: SMPL: create the pair first\n');
    expect(out.applied).toHaveLength(1);
  });
});

describe('cci › remote copy › parse', () => {
  it('pairdisplay reads every order of the -f letters c, x and e', () => {
    for (const flag of ['-fe', '-fce', '-fec', '-fxe', '-fcxe', '-fxce', '-fexc']) {
      const parsed = parseLine(`pairdisplay -g UR01 ${flag}`);
      expect(parsed.ok && parsed.command.kind === 'pairdisplay' && parsed.command.showRemote, flag).toBe(true);
      expect(parsed.ok && parsed.command.kind === 'pairdisplay' && parsed.command.showPct, flag).toBe(flag.includes('c'));
    }
    const plain = parseLine('pairdisplay -g UR01 -fcx');
    expect(plain.ok && plain.command.kind === 'pairdisplay' && plain.command.showRemote).toBe(false);
    expect(parseLine('pairdisplay -g UR01 -fee')).toMatchObject({ ok: false, failure: { code: 'EX_UNWOPT' } });
  });
});

describe('cci › remote copy › docs', () => {
  it('docs/console.md gives the usage line of every command as help does (pairsplit form by form)', () => {
    const docs = readFileSync(new URL('../../docs/console.md', import.meta.url), 'utf8');
    for (const c of CCI_COMMANDS.filter((x) => x.name !== 'pairsplit')) expect(docs, c.name).toContain(`\n${c.usage}\n`);
    expect(docs).toContain('\npairsplit -g <group> [-d <device>] -RS\n');
    expect(docs).toContain('\nraidvchkscan -v jnl|jnlt [<unit#>] [-s <Seq#|array>] [-fx]\n');
  });
});
