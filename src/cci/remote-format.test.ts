import { describe, expect, it } from 'vitest';
import type { JournalStatus, RemoteGroupStatus } from '../engine/api.ts';
import { runCci } from './execute.ts';
import { remoteContext, remotePairs, swappedPairs, urGroup } from './remote-fixtures.ts';
import { journalState, qMarker } from './remote-format.ts';

async function print(line: string, ctx = remoteContext()): Promise<string> {
  const out = await runCci(line, ctx);
  expect(out.stderr).toBe('');
  expect(out.exitCode).toBe(0);
  expect(out.actions).toEqual([]);
  expect(ctx.applied).toEqual([]);
  return out.stdout;
}

const table = (...lines: string[]): string => [...lines, ''].join('\n');

describe('cci › remote copy › pairdisplay', () => {
  it('a remote-sync group shows its fence level in the Fence column', async () => {
    expect(await print('pairdisplay -g TC01')).toBe(
      table(
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status,Fence, Seq#,P-LDEV# M',
        'TC01    sdev1(L)     (CL1-A-0, 0,   0-0)64001   m-1.P-VOL PAIR DATA , 64002 r-1     -',
        'TC01    sdev1(R)     (CL1-B-0, 0,   0-0)64002   r-1.S-VOL PAIR DATA , ----- m-1     -',
      ),
    );
  });

  it('-fe adds CTG, the master / restore JID, AP from the WAN link, and dashes for external volumes; PFUL is shown', async () => {
    expect(await print('pairdisplay -g UR01 -fe')).toBe(
      table(
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status,Fence, Seq#,P-LDEV# M CTG JID AP EM E-Seq# E-LDEV#',
        'UR01    udev1(L)     (CL1-A-0, 0,   1-0)64001   m-2.P-VOL PAIR ASYNC, 64002 r-2     - 2   1   1  -  -      -',
        'UR01    udev1(R)     (CL1-B-0, 0,   1-0)64002   r-2.S-VOL PAIR ASYNC, ----- m-2     - 2   2   1  -  -      -',
        'UR01    udev2(L)     (CL1-A-0, 0,   2-0)64001   m-3.P-VOL PFUL ASYNC, 64002 r-3     - 2   1   1  -  -      -',
        'UR01    udev2(R)     (CL1-B-0, 0,   2-0)64002   r-3.S-VOL PFUL ASYNC, ----- m-3     - 2   2   1  -  -      -',
      ),
    );
  });

  it('-fcxe: copy % and remote columns; AP is 0 while the link is down', async () => {
    const ctx = remoteContext();
    ctx.remoteNow = { ...ctx.remoteNow, wanLinks: ctx.remoteNow.wanLinks.map((w) => ({ ...w, up: false })) };
    expect(await print('pairdisplay -g UR01 -d udev1 -fcxe', ctx)).toBe(
      table(
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status,Fence,   % ,P-LDEV# M CTG JID AP EM E-Seq# E-LDEV#',
        'UR01    udev1(L)     (CL1-A-0, 0,   1-0)64001   m-2.P-VOL PAIR ASYNC, 100 r-2     - 2   1   0  -  -      -',
        'UR01    udev1(R)     (CL1-B-0, 0,   1-0)64002   r-2.S-VOL PAIR ASYNC, 100 m-2     - 2   2   0  -  -      -',
      ),
    );
  });

  it('a takeover shows SSWS on the S-VOL line with W; a console without the remote status prints AP as -', async () => {
    const ctx = remoteContext({}, false);
    ctx.current = {
      pairs: remotePairs().map((p) => (p.group === 'TC01' ? { ...p, state: 'PSUS', svolState: 'SSWS', svolAccess: 'rw' } : p)),
      pools: [],
    };
    expect(await print('pairdisplay -g TC01 -fe', ctx)).toBe(
      table(
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status,Fence, Seq#,P-LDEV# M CTG JID AP EM E-Seq# E-LDEV#',
        'TC01    sdev1(L)     (CL1-A-0, 0,   0-0)64001   m-1.P-VOL PSUS DATA , 64002 r-1     - -   -   -  -  -      -',
        'TC01    sdev1(R)     (CL1-B-0, 0,   0-0)64002   r-1.S-VOL SSWS DATA , ----- m-1     W -   -   -  -  -      -',
      ),
    );
  });

  it('after pairresync -swaps the former S-VOL is shown as the P-VOL', async () => {
    const ctx = remoteContext();
    ctx.current = { pairs: swappedPairs(), pools: [] };
    expect(await print('pairdisplay -g UR01 -l -fce', ctx)).toBe(
      table(
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status,Fence,   % ,P-LDEV# M CTG JID AP EM E-Seq# E-LDEV#',
        'UR01    udev1(L)     (CL1-B-0, 0,   1-0)64002   r-2.P-VOL COPY(RS) ASYNC,  12 m-2     - 2   2   1  -  -      -',
        'UR01    udev2(L)     (CL1-B-0, 0,   2-0)64002   r-3.P-VOL COPY(RS) ASYNC,  12 m-3     - 2   2   1  -  -      -',
      ),
    );
  });

  it('SMPL remote pairs take the fence from the group; local pairs keep the local layout, -fe adds dashes', async () => {
    const ctx = remoteContext();
    ctx.current = { pairs: remotePairs().filter((p) => p.group === 'LOC'), pools: [] };
    expect(await print('pairdisplay -g TC01 -l', ctx)).toBe(
      table(
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status,Fence, Seq#,P-LDEV# M',
        'TC01    sdev1(L)     (CL1-A-0, 0,   0-0)64001   m-1.SMPL  ---- DATA , ----- ----    -',
      ),
    );
    expect(await print('pairdisplay -g LOC', ctx)).toBe(
      table(
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status, Seq#,P-LDEV# M',
        'LOC     ldev1(L)     (CL1-A-0, 0,   3-0)64001   m-4.P-VOL PSUS, 64001 m-4s    -',
        'LOC     ldev1(R)     (CL3-A-0, 0,   0-0)64001  m-4s.S-VOL SSUS, ----- m-4     W',
      ),
    );
    expect(await print('pairdisplay -g LOC -fe', ctx)).toBe(
      table(
        'Group   PairVol(L/R) (Port#,TID, LU-M)  ,Seq#,LDEV#.P/S,Status, Seq#,P-LDEV# M CTG JID AP EM E-Seq# E-LDEV#',
        'LOC     ldev1(L)     (CL1-A-0, 0,   3-0)64001   m-4.P-VOL PSUS, 64001 m-4s    - -   -   -  -  -      -',
        'LOC     ldev1(R)     (CL3-A-0, 0,   0-0)64001  m-4s.S-VOL SSUS, ----- m-4     W -   -   -  -  -      -',
      ),
    );
  });
});

describe('cci › remote copy › pairvolchk and pairevtwait', () => {
  it('pairvolchk adds the fence level, and ASYNC with the CTGID', async () => {
    expect(await print('pairvolchk -g TC01')).toBe('pairvolchk : Volstat is P-VOL.[status = PAIR fence = DATA]\n');
    expect(await print('pairvolchk -g UR01 -d udev2 -s')).toBe('pairvolchk : Volstat is S-VOL.[status = PFUL fence = ASYNC CTGID = 2]\n');
  });

  it('pairevtwait -s ssws waits for the S-VOL to be taken over', async () => {
    const ctx = remoteContext({
      onAdvance: (c) => {
        if (c.now >= 12) c.current = { pairs: remotePairs().map((p) => (p.group === 'TC01' ? { ...p, state: 'PSUS', svolState: 'SSWS' } : p)), pools: [] };
      },
    });
    const out = await runCci('pairevtwait -g TC01 -s ssws -t 10', ctx);
    expect(out).toMatchObject({ exitCode: 0, stderr: '' });
    expect(ctx.now).toBe(12);
    const late = await runCci('pairevtwait -g UR01 -s ssws -t 1', remoteContext());
    expect(late.exitCode).toBe(233);
    expect(late.stderr).toContain('UR01/udev1 is PAIR, UR01/udev2 is PFUL, waiting for ssws');
  });
});

describe('cci › remote copy › journals', () => {
  it('raidvchkscan -v jnl: one line per journal, by Seq# then JID; an unused journal is SMPL', async () => {
    const expected = table(
      'JID  MU  CTG  JNLS  AP  U(%)  Q-Marker  Q-CNT  D-SZ(BLK)  Seq#   Num  LDEV#',
      '001  0   2    PJNF  1     84  00001234     40     131072  64001  -    -',
      '005  -   -    SMPL  -      -  -             -      65536  64001  -    -',
      '002  0   2    SJNN  1      4  0000120c      3     131072  64002  -    -',
    );
    expect(await print('raidvchkscan -v jnl')).toBe(expected);
    expect(await print('raidvchkscan -v jnl 0')).toBe(expected);
    expect(await print('raidvchkscan -v jnl0 -fx -IH0')).toBe(expected);
  });

  it('-s picks one array by Seq# or id; -v jnlt shows the overflow watch (DOW)', async () => {
    const dr = table(
      'JID  MU  CTG  JNLS  AP  U(%)  Q-Marker  Q-CNT  D-SZ(BLK)  Seq#   DOW  PBW  APW',
      '002  0   2    SJNN  1      4  0000120c      3     131072  64002   60  -    -',
    );
    expect(await print('raidvchkscan -v jnlt -s 64002')).toBe(dr);
    expect(await print('raidvchkscan -v jnlt -s arr-r')).toBe(dr);
    expect(await print('raidvchkscan -v jnlt -s 64001')).toContain('001  0   2    PJNF  1     84  00001234     40     131072  64001   30  -    -\n');
  });

  it('raidcom get journal prints the same table under JNLID', async () => {
    expect(await print('raidcom get journal')).toBe(
      table(
        'JNLID  MU  CTG  JNLS  AP  U(%)  Q-Marker  Q-CNT  D-SZ(BLK)  Seq#   Num  LDEV#',
        '001    0   2    PJNF  1     84  00001234     40     131072  64001  -    -',
        '005    -   -    SMPL  -      -  -             -      65536  64001  -    -',
        '002    0   2    SJNN  1      4  0000120c      3     131072  64002  -    -',
      ),
    );
  });

  it('a suspended group: PJSF / SJSF after PFUS, AP 0 with the link down', async () => {
    const ctx = remoteContext();
    ctx.remoteNow = { ...ctx.remoteNow, wanLinks: ctx.remoteNow.wanLinks.map((w) => ({ ...w, up: false })), groups: [urGroup({ state: 'PFUS' })] };
    const lines = (await print('raidvchkscan -v jnl', ctx)).split('\n');
    expect(lines[1]).toBe('001  0   2    PJSF  0     84  00001234     40     131072  64001  -    -');
    expect(lines[3]).toBe('002  0   2    SJSF  0      4  0000120c      3     131072  64002  -    -');
  });

  it('a group not created yet (SMPL) prints its journals as SMPL, with dashes', async () => {
    const ctx = remoteContext();
    ctx.remoteNow = { ...ctx.remoteNow, groups: [urGroup({ state: 'SMPL' })] };
    expect(await print('raidvchkscan -v jnl -s arr-m', ctx)).toBe(
      table(
        'JID  MU  CTG  JNLS  AP  U(%)  Q-Marker  Q-CNT  D-SZ(BLK)  Seq#   Num  LDEV#',
        '001  -   -    SMPL  -      -  -             -     131072  64001  -    -',
        '005  -   -    SMPL  -      -  -             -      65536  64001  -    -',
      ),
    );
  });

  it.each([
    ['raidvchkscan', 'EX_REQARG', 254, '-v jnl is required'],
    ['raidvchkscan -v pool', 'EX_INVARG', 253, '-v pool: SANdbox shows journals only (-v jnl or -v jnlt)'],
    ['raidvchkscan -v jnl x', 'EX_CMDERR', 1, 'unexpected argument "x"'],
    ['raidvchkscan -v jnl0 1', 'EX_CMDERR', 1, 'unexpected argument "1"'],
    ['raidvchkscan -v jnl -s 7', 'EX_ENOOBJ', 205, '-s 7: no array with this Seq# or id (arrays: arr-m (64001), arr-r (64002))'],
    ['raidvchkscan -v jnl -q', 'EX_UNWOPT', 252, 'unknown option -q'],
    ['raidcom get journal -x', 'EX_UNWOPT', 252, 'unknown option -x'],
  ])('%s → %s', async (line, code, exitCode, text) => {
    const out = await runCci(line, remoteContext());
    expect(out.stderr).toContain(`[${code}]`);
    expect(out.stderr).toContain(text);
    expect(out.exitCode).toBe(exitCode);
    expect(out.stdout).toBe('');
  });

  it('a console without the remote status refuses the journal commands', async () => {
    const out = await runCci('raidvchkscan -v jnl', remoteContext({}, false));
    expect(out.exitCode).toBe(221);
    expect(out.stderr).toBe('raidvchkscan: [EX_CMDRJE] An order to the control/command device was rejected\n  this console cannot read the remote copy status (its engine has no remote copy)\n');
  });

  it('help and -h name the journal commands', async () => {
    expect(await print('raidvchkscan -h')).toMatch(/^usage: raidvchkscan -v jnl\|jnlt/);
    expect(await print('raidcom get journal --help')).toMatch(/^usage: raidcom get journal/);
  });
});

describe('cci › remote copy › journal state (JNLS) and Q-Marker', () => {
  const master: JournalStatus = urGroup().journals[0];
  const restore: JournalStatus = urGroup().journals[1];
  const at = (state: RemoteGroupStatus['state']): RemoteGroupStatus => urGroup({ state });

  it.each([
    ['PAIR', 'normal', 'PJNN', 'SJNN'],
    ['PAIR', 'PFUL', 'PJNF', 'SJNN'],
    ['PFUL', 'full', 'PJNF', 'SJNN'],
    ['COPY', 'normal', 'PJNN', 'SJNN'],
    ['COPY(RS)', 'normal', 'PJNN', 'SJNN'],
    ['PSUS', 'normal', 'PJSN', 'SJSN'],
    ['SSWS', 'normal', 'PJSN', 'SJSN'],
    ['PFUS', 'full', 'PJSF', 'SJSF'],
    ['PSUE', 'normal', 'PJSE', 'SJSE'],
    ['SMPL', 'normal', 'SMPL', 'SMPL'],
  ] as const)('group %s, master journal %s → %s / %s', (state, fill, p, s) => {
    expect(journalState({ ...master, state: fill }, at(state))).toBe(p);
    expect(journalState(restore, at(state))).toBe(s);
  });

  it('the master marks the last acknowledged write, the restore journal the last applied, in hex', () => {
    const g = urGroup({ lastSeq: 0xdeadbeef, appliedSeq: 255 });
    expect(qMarker(master, g)).toBe('deadbeef');
    expect(qMarker(restore, g)).toBe('000000ff');
  });
});
