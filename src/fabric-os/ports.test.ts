/**
 * The switch console's port commands on the two-fabric test design (test-fabric.ts): switchshow's
 * layout and the port states it derives from faults, portshow, portdisable / portenable as
 * setFault actions, their refusals, and the completion of port numbers.
 */
import { describe, expect, it } from 'vitest';
import { runCci } from '../cci/execute.ts';
import type { ActiveFault, FaultStatus } from '../engine/api.ts';
import type { FaultComponent } from '../model/scenario-faults.ts';
import { componentDevice, componentLabel } from '../model/scenario-faults.ts';
import { completeFosOperand } from './completion.ts';
import { switchState, type FcSwitch } from './ports-state.ts';
import { fabricContext, fabricTopology, type FabricContext } from './test-fabric.ts';

function faultsOf(...components: FaultComponent[]): ActiveFault[] {
  return components.map((component) => ({ component, label: componentLabel(component), deviceId: componentDevice(component), sinceUs: 1_000_000 }));
}

function statusOf(faults: ActiveFault[]): FaultStatus {
  return { faults, alerts: [], alertCount: 0, paths: [], parityGroups: [], moves: [], health: {} };
}

/** A fabric context logged in to `switchId`, whose fault status is `components`. */
async function loggedIn(switchId: string, ...components: FaultComponent[]): Promise<FabricContext> {
  const ctx = fabricContext();
  ctx.faults = async () => statusOf(faultsOf(...components));
  expect((await runCci(`login ${switchId}`, ctx)).exitCode).toBe(0);
  return ctx;
}

async function stdout(ctx: FabricContext, line: string): Promise<string> {
  const out = await runCci(line, ctx);
  expect(out.stderr, line).toBe('');
  expect(out.exitCode, line).toBe(0);
  return out.stdout;
}

/** The port table rows of a switchshow, as [port, State, comment]. */
function rows(text: string): string[][] {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.startsWith('====='));
  return lines
    .slice(from + 1)
    .filter((l) => /^\s+\d/.test(l))
    .map((l) => {
      const cells = l.trim().split(/\s+/);
      return [cells[1], cells[5], cells.slice(7).join(' ')];
    });
}

const sw = (id: string) => fabricTopology().devices.find((d) => d.id === id) as FcSwitch;

describe('fabric-os › ports › switchshow', () => {
  it('prints the header and the port table in Fabric OS layout', async () => {
    const ctx = await loggedIn('edge');
    expect(await stdout(ctx, 'switchshow')).toBe(
      [
        'switchName:     edge_sw',
        'switchState:    Online',
        'switchMode:     Native',
        'switchRole:     Subordinate',
        'switchDomain:   2',
        'switchId:       fffc02',
        'switchWwn:      10:00:00:05:1e:00:00:02',
        'zoning:         OFF',
        'switchBeacon:   OFF',
        '',
        'Index Port Address  Media Speed   State       Proto',
        '==================================================',
        '   0   0   020000   id    N16     Online      FC  F-Port  10:00:00:00:c9:00:00:01',
        '   1   1   020100   id    N16     Online      FC  F-Port  10:00:00:00:c9:00:00:02',
        '   2   2   020200   id    N16     No_Light    FC',
        '   3   3   020300   id    N16     Online      FC  E-Port  10:00:00:05:1e:00:00:01 "core_sw"',
        '',
      ].join('\n'),
    );
    expect(await stdout(await loggedIn('core'), 'switchshow')).toContain('switchRole:     Principal\n');
  });

  it('shows the effective configuration on the zoning line', async () => {
    const zoning = { aliases: [], zones: [{ name: 'z1', members: ['1,0', '2,0'] }], cfgs: [{ name: 'cfg1', members: ['z1'] }], effectiveCfg: 'cfg1', defaultZone: 'allaccess' as const };
    const ctx = fabricContext(fabricTopology({ core: zoning }));
    await runCci('login edge', ctx);
    expect(await stdout(ctx, 'switchshow')).toContain('zoning:         ON (cfg1)\n');
  });

  it('a cut ISL shows No_Light at both ends', async () => {
    const cut: FaultComponent = { kind: 'link', linkId: 'isl' };
    expect(rows(await stdout(await loggedIn('edge', cut), 'switchshow'))[3]).toEqual(['3', 'No_Light', '']);
    expect(rows(await stdout(await loggedIn('core', cut), 'switchshow'))[3]).toEqual(['3', 'No_Light', '']);
    expect(rows(await stdout(await loggedIn('core'), 'switchshow'))[3]).toEqual(['3', 'Online', 'E-Port 10:00:00:05:1e:00:00:02 "edge_sw"']);
  });

  it('a disabled port shows Disabled; its neighbour sees No_Light', async () => {
    const disabled: FaultComponent = { kind: 'port', deviceId: 'edge', portId: 'p3' };
    expect(rows(await stdout(await loggedIn('edge', disabled), 'switchshow'))[3]).toEqual(['3', 'No_Light', 'Disabled']);
    expect(rows(await stdout(await loggedIn('core', disabled), 'switchshow'))[3]).toEqual(['3', 'No_Light', '']);
  });

  it('a dark far end (HBA, array controller, failed switch, lost site) is No_Light', () => {
    const t = fabricTopology();
    const state = (id: string, ...c: FaultComponent[]) => switchState(t, sw(id), faultsOf(...c)).ports.map((p) => p.state);
    expect(state('edge', { kind: 'port', deviceId: 'srv1', portId: 'hba0' })).toEqual(['No_Light', 'Online', 'No_Light', 'Online']);
    expect(state('core', { kind: 'controller', arrayId: 'arr1', controller: 1 })).toEqual(['No_Light', 'No_Light', 'No_Light', 'Online']);
    expect(state('core', { kind: 'controller', arrayId: 'arr1', controller: 2 })).toEqual(['Online', 'No_Light', 'No_Light', 'Online']);
    expect(state('edge', { kind: 'device', deviceId: 'core' })).toEqual(['Online', 'Online', 'No_Light', 'No_Light']);
    expect(state('edge', { kind: 'site', siteId: 'main' })).toEqual(['No_Light', 'No_Light', 'No_Light', 'Online']);
    expect(state('edge', { kind: 'disk', arrayId: 'arr1', parityGroupId: 'pg1', disk: 0 })).toEqual(['Online', 'Online', 'No_Light', 'Online']);
  });

  it('a failed switch is Faulty with every port dark', () => {
    const s = switchState(fabricTopology(), sw('core'), faultsOf({ kind: 'device', deviceId: 'core' }));
    expect(s.state).toBe('Faulty');
    expect(s.ports.every((p) => p.state === 'No_Light')).toBe(true);
  });

  it('without a fault status, shows the design with a note', async () => {
    const ctx = fabricContext();
    await runCci('login edge', ctx);
    const text = await stdout(ctx, 'switchshow');
    expect(rows(text).map((r) => r[1])).toEqual(['Online', 'Online', 'No_Light', 'Online']);
    expect(text).toContain('(this console cannot read the fault status: ports are shown as the design cables them)');
  });
});

describe('fabric-os › ports › portshow', () => {
  it("prints one port's state, address, WWNs and speed", async () => {
    expect(await stdout(await loggedIn('core'), 'portshow 0')).toBe(
      [
        'portName: p0',
        'portDisableReason: None',
        'portState: 1       Online',
        'portPhys:  6       In_Sync',
        'portId:    010000',
        'portWwn:   20:00:00:05:1e:00:00:01',
        'portWwn of device(s) connected:',
        '        50:06:0e:80:00:00:00:01',
        'Distance:  normal',
        'portSpeed: N16Gbps',
        '',
      ].join('\n'),
    );
    const dark = await stdout(await loggedIn('core', { kind: 'link', linkId: 'l3' }), 'portshow 0');
    expect(dark).toContain('portState: 2       Offline\nportPhys:  2       No_Light\n');
    expect(dark).toContain('portWwn of device(s) connected:\nDistance:');
  });

  it('refuses a port the switch does not have', async () => {
    expect(await runCci('portshow 4', await loggedIn('edge'))).toMatchObject({ exitCode: 1, stderr: 'portshow: port 4 does not exist on edge_sw (ports 0-3)\n' });
  });
});

describe('fabric-os › ports › portdisable / portenable', () => {
  it('send setFault on the logged-in switch port, recorded as actions', async () => {
    const ctx = await loggedIn('edge');
    const off = await runCci('portdisable 1', ctx);
    expect(off).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(off.actions).toEqual([{ type: 'setFault', component: { kind: 'port', deviceId: 'edge', portId: 'p1' }, failed: true }]);
    const on = await runCci('PORTENABLE 1', ctx);
    expect(on.actions).toEqual([{ type: 'setFault', component: { kind: 'port', deviceId: 'edge', portId: 'p1' }, failed: false }]);
    expect(ctx.applied).toEqual([...off.actions, ...on.actions]);
  });

  it('refuse unknown ports, malformed operands and a console not logged in, applying nothing', async () => {
    const ctx = await loggedIn('edge');
    expect(await runCci('portdisable 4', ctx)).toMatchObject({ exitCode: 1, stderr: 'portdisable: port 4 does not exist on edge_sw (ports 0-3)\n', actions: [] });
    expect(await runCci('portdisable p1', ctx)).toMatchObject({ exitCode: 1, stderr: 'portdisable: "p1" is not a port number (switchshow lists them: 0, 1, …)\n' });
    expect(await runCci('portenable', ctx)).toMatchObject({ exitCode: 1, stderr: 'portenable: usage: portenable <port number>\n' });
    expect(await runCci('switchshow -x', ctx)).toMatchObject({ exitCode: 1, stderr: 'switchshow: usage: switchshow (no operands)\n' });
    const out = fabricContext();
    expect(await runCci('portdisable 1', out)).toMatchObject({ exitCode: 1, stderr: 'portdisable: not logged in to a switch: type login <switch> first (switches: edge, core, lone)\n' });
    expect(ctx.applied).toEqual([]);
    expect(out.applied).toEqual([]);
  });

  it("pass the engine's verdict through: a redundant command records nothing, a refusal fails", async () => {
    const ctx = await loggedIn('edge');
    ctx.verdict = () => ({ ok: true, redundant: true, message: 'port edge/p1 is already failed' });
    expect(await runCci('portdisable 1', ctx)).toMatchObject({ exitCode: 0, stdout: 'Port 1 is already disabled (port edge/p1 is already failed).\n', actions: [] });
    ctx.verdict = () => ({ ok: false, message: 'no run is loaded' });
    expect(await runCci('portenable 1', ctx)).toMatchObject({ exitCode: 1, stderr: 'portenable: the simulation refused it: no run is loaded\n', actions: [] });
  });
});

describe('fabric-os › ports › completion and help', () => {
  it("completes the logged-in switch's port numbers", async () => {
    const ctx = await loggedIn('edge');
    expect(completeFosOperand('portdisable ', 12, ctx.topology, ctx.fabricOs)).toEqual({ text: 'portdisable ', cursor: 12, candidates: ['0', '1', '2', '3'] });
    expect(completeFosOperand('portshow 2', 10, ctx.topology, ctx.fabricOs)).toEqual({ text: 'portshow 2', cursor: 10, candidates: [] });
    expect(completeFosOperand('portshow 7', 10, ctx.topology, ctx.fabricOs)).toEqual({ text: 'portshow 7', cursor: 10, candidates: [] });
    expect(completeFosOperand('switchshow ', 11, ctx.topology, ctx.fabricOs)).toBeNull();
  });

  it('help lists the port commands', async () => {
    const ctx = fabricContext();
    expect(await stdout(ctx, 'help portdisable')).toBe('usage: portdisable <port number>\n  Disable a switch port (a port fault in the running simulation: paths through it fail).\n');
    expect(await stdout(ctx, 'help')).toMatch(/switchshow\s+Show the switch's state/);
  });
});
