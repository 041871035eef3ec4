/**
 * HDLM's `dlnkmgr view` on hand-made multipath states (dlnkmgr-fixtures.ts): the exact -path and
 * -lu layouts, how path states map to HDLM's Status and Type, how I/O errors are attributed,
 * the refusals, and the completion of -hostname.
 */
import { describe, expect, it } from 'vitest';
import type { PathState, WorkloadPaths } from '../engine/api.ts';
import { completeDlnkmgrValue } from './dlnkmgr-completion.ts';
import { HDLM_TOPOLOGY, failedOverStatus, statusWith, workload } from './dlnkmgr-fixtures.ts';
import { chaPortOf, hDevNameOf, hdlmHosts } from './dlnkmgr-view.ts';
import { runCci } from './execute.ts';
import { fakeContext, type FakeContext } from './test-topology.ts';

const DONE = 'KAPL01001-I The HDLM command completed normally. Operation name = view, completion time = 01:02:05';

function hdlmContext(status = failedOverStatus()): FakeContext {
  return fakeContext({ topology: HDLM_TOPOLOGY, now: 3725.5, faults: async () => status });
}

async function stdout(ctx: FakeContext, line: string): Promise<string> {
  const out = await runCci(line, ctx);
  expect(out.stderr, line).toBe('');
  expect(out.exitCode, line).toBe(0);
  expect(out.actions).toEqual([]);
  return out.stdout;
}

/** [Status, Type] of each path of h1 for one workload's paths in the given states. */
function statuses(states: PathState[], policy: WorkloadPaths['policy'] = 'active-standby'): string[] {
  const ports = ['CL1-A', 'CL2-A'];
  const w = workload('h1', 'w', 'vol1', states.map((s, i) => [`hba${i}`, ports[i], 0, s, 0]), { policy });
  return hdlmHosts(HDLM_TOPOLOGY, statusWith([w]), ['h1'])[0].paths.map((p) => `${p.status} ${p.type}`);
}

describe('cci › dlnkmgr › view -path', () => {
  it("prints one host's summary and paths in HDLM's layout", async () => {
    expect(await stdout(hdlmContext(), 'dlnkmgr view -path -hostname h1')).toBe(
      [
        'Paths:000004 OnlinePaths:000003',
        'PathStatus   IO-Count     IO-Errors',
        'Reduced      1350         0',
        '',
        'PathID PathName                        DskName                         iLU  ChaPort Status     Type IO-Count   IO-Errors  DNum HDevName',
        '000000 0000.0000.50060E8000000001.0000 HITACHI .OPEN-V          .64001 vol1 1A      Offline(E) Non         900          0    0 sddlmaa',
        '000001 0000.0000.50060E8000000001.0001 HITACHI .OPEN-V          .64001 vol2 1A      Online     Own          50          0    0 sddlmab',
        '000002 0001.0000.50060E8000000002.0000 HITACHI .OPEN-V          .64001 vol1 2A      Online     Own         400          0    0 sddlmaa',
        '000003 0001.0000.50060E8000000002.0001 HITACHI .OPEN-V          .64001 vol2 2A      Online     Non           0          0    0 sddlmab',
        DONE,
        '',
      ].join('\n'),
    );
  });

  it('without -hostname shows every server with paths, each after a HostName line', async () => {
    const text = await stdout(hdlmContext(), 'DLNKMGR view -path');
    expect(text.split('\n').filter((l) => l.startsWith('HostName: '))).toEqual(['HostName: h1', 'HostName: h2']);
    expect(text).toContain('HostName: h2\nPaths:000001 OnlinePaths:000000\nPathStatus   IO-Count     IO-Errors\nReduced      30           7\n');
    expect(text.endsWith(`${DONE}\n`)).toBe(true);
  });

  it('a server with no paths shows an empty list; no server with paths says so', async () => {
    expect(await stdout(hdlmContext(), 'dlnkmgr view -path -hostname h3')).toContain('Paths:000000 OnlinePaths:000000\n');
    expect(await stdout(hdlmContext(statusWith([])), 'dlnkmgr view -path')).toBe(`(no server has a path to an LU)\n${DONE}\n`);
  });

  it('-hdev keeps the paths of one HDLM device', async () => {
    const text = await stdout(hdlmContext(), 'dlnkmgr view -path -hostname h1 -hdev sddlmab');
    expect(text).toContain('Paths:000002 OnlinePaths:000002\n');
    expect(text.match(/^00000\d .*$/gm)?.map((l) => l.split(/\s+/).at(-1))).toEqual(['sddlmab', 'sddlmab']);
  });
});

describe('cci › dlnkmgr › view -lu', () => {
  it("prints the host's LUs by array, the paths of each under its iLU", async () => {
    expect(await stdout(hdlmContext(), 'dlnkmgr view -lu -hostname h1')).toBe(
      [
        'Product       : array one',
        'SerialNumber  : 64001',
        'LUs           : 2',
        '',
        'iLU  HDevName PathID PathName                        ChaPort Status     Type IO-Count   IO-Errors  DNum',
        'vol1 sddlmaa  000000 0000.0000.50060E8000000001.0000 1A      Offline(E) Non         900          0    0',
        '              000002 0001.0000.50060E8000000002.0000 2A      Online     Own         400          0    0',
        'vol2 sddlmab  000001 0000.0000.50060E8000000001.0001 1A      Online     Own          50          0    0',
        '              000003 0001.0000.50060E8000000002.0001 2A      Online     Non           0          0    0',
        DONE,
        '',
      ].join('\n'),
    );
  });
});

describe('cci › dlnkmgr › mapping', () => {
  it.each<[string, PathState[], string[]]>([
    ['working active/standby', ['active', 'standby'], ['Online Own', 'Online Non']],
    ['the active path failing: the host still sends on it', ['failing', 'standby'], ['Online(E) Own', 'Online Non']],
    ['failed over to the standby', ['failed', 'active'], ['Offline(E) Non', 'Online Own']],
    ['a failed path repaired as standby', ['standby', 'active'], ['Online Non', 'Online Own']],
    ['every path failed: HDLM keeps the first Online(E)', ['failed', 'failed'], ['Online(E) Own', 'Offline(E) Non']],
    ['the survivor failing after a failover', ['failed', 'failing'], ['Offline(E) Non', 'Online(E) Own']],
  ])('%s', (_, states, expected) => {
    expect(statuses(states)).toEqual(expected);
  });

  it('round-robin: every path is an owner path', () => {
    expect(statuses(['active', 'active'], 'round-robin')).toEqual(['Online Own', 'Online Own']);
    expect(statuses(['failed', 'active'], 'round-robin')).toEqual(['Offline(E) Own', 'Online Own']);
  });

  it('I/O errors are split over the paths of the workload, the remainder on the first', () => {
    const w = workload('h1', 'w', 'vol1', [
      ['hba0', 'CL1-A', 0, 'failed', 10],
      ['hba1', 'CL2-A', 0, 'failed', 20],
    ], { ioErrors: 5 });
    const paths = hdlmHosts(HDLM_TOPOLOGY, statusWith([w]), ['h1'])[0].paths;
    expect(paths.map((p) => p.ioErrors)).toEqual([3, 2]);
  });

  it('two workloads on one LU share its paths: counts add up, the worse state wins', () => {
    const a = workload('h1', 'a', 'vol1', [['hba0', 'CL1-A', 0, 'active', 10]], { ioErrors: 1 });
    const b = workload('h1', 'b', 'vol1', [['hba0', 'CL1-A', 0, 'failing', 5]], { ioErrors: 2 });
    const paths = hdlmHosts(HDLM_TOPOLOGY, statusWith([a, b]), ['h1'])[0].paths;
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({ ioCount: 15, ioErrors: 3, status: 'Online(E)', hDevName: 'sddlmaa' });
  });

  it('names: CHA ports, HDLM devices', () => {
    expect(['CL1-A', 'CL2-b', 'CL12-C', 'fc0'].map(chaPortOf)).toEqual(['1A', '2B', '12C', 'fc0']);
    expect([0, 1, 25, 26, 27].map(hDevNameOf)).toEqual(['sddlmaa', 'sddlmab', 'sddlmaz', 'sddlmba', 'sddlmbb']);
  });
});

describe('cci › dlnkmgr › refusals', () => {
  it.each([
    ['dlnkmgr', 'dlnkmgr: an operation is required (usage: dlnkmgr view -path | -lu [-hostname <server>] [-hdev <HDevName>])\n'],
    ['dlnkmgr view', 'dlnkmgr: view: specify -path or -lu (usage: dlnkmgr view -path | -lu [-hostname <server>] [-hdev <HDevName>])\n'],
    ['dlnkmgr view -path -lu', 'dlnkmgr: view: specify one of -path and -lu (usage: dlnkmgr view -path | -lu [-hostname <server>] [-hdev <HDevName>])\n'],
    ['dlnkmgr view -path -hostname', 'dlnkmgr: view: -hostname needs a value (usage: dlnkmgr view -path | -lu [-hostname <server>] [-hdev <HDevName>])\n'],
    ['dlnkmgr view -path -x', 'dlnkmgr: view: unknown parameter "-x" (usage: dlnkmgr view -path | -lu [-hostname <server>] [-hdev <HDevName>])\n'],
    ['dlnkmgr view -sys', 'dlnkmgr: view: -sys is not supported by SANdbox (usage: dlnkmgr view -path | -lu [-hostname <server>] [-hdev <HDevName>])\n'],
    ['dlnkmgr offline -path', 'dlnkmgr: the offline operation is not supported by SANdbox (usage: dlnkmgr view -path | -lu [-hostname <server>] [-hdev <HDevName>])\n'],
    ['dlnkmgr frob', 'dlnkmgr: unknown operation "frob" (usage: dlnkmgr view -path | -lu [-hostname <server>] [-hdev <HDevName>])\n'],
    ['dlnkmgr view -path -hostname nosuch', 'dlnkmgr: view: no server "nosuch" (servers: h1, h2, h3)\n'],
    ['dlnkmgr view -path -hostname sw', 'dlnkmgr: view: sw is a fcSwitch, not a server (servers: h1, h2, h3)\n'],
    ['dlnkmgr view -lu -hostname h2 -hdev sddlmab', 'dlnkmgr: view: no HDLM device "sddlmab" on h2 (devices: sddlmaa)\n'],
  ])('%s', async (line, stderr) => {
    const ctx = hdlmContext();
    expect(await runCci(line, ctx)).toEqual({ exitCode: 1, stdout: '', stderr, actions: [] });
    expect(ctx.applied).toEqual([]);
  });

  it('a console without the fault status refuses the view; help needs none', async () => {
    const ctx = fakeContext({ topology: HDLM_TOPOLOGY });
    expect((await runCci('dlnkmgr view -path', ctx)).stderr).toBe("dlnkmgr: view: this console cannot read the hosts' path status (its engine has no multipath status)\n");
    expect(await stdout(ctx, 'dlnkmgr help')).toBe('usage: dlnkmgr view -path | -lu [-hostname <server>] [-hdev <HDevName>]\n');
    expect(await stdout(ctx, 'help dlnkmgr')).toContain('usage: dlnkmgr view -path | -lu');
  });
});

describe('cci › dlnkmgr › completion', () => {
  it('-hostname takes the servers', () => {
    expect(completeDlnkmgrValue('dlnkmgr view -path -hostname ', 29, HDLM_TOPOLOGY)).toEqual({ text: 'dlnkmgr view -path -hostname h', cursor: 30, candidates: ['h1', 'h2', 'h3'] });
    expect(completeDlnkmgrValue('dlnkmgr view -lu -hostname h2', 29, HDLM_TOPOLOGY)).toEqual({ text: 'dlnkmgr view -lu -hostname h2 ', cursor: 30, candidates: [] });
    expect(completeDlnkmgrValue('dlnkmgr view -path', 18, HDLM_TOPOLOGY)).toBeNull();
    expect(completeDlnkmgrValue('pairdisplay -hostname h', 23, HDLM_TOPOLOGY)).toBeNull();
  });
});
