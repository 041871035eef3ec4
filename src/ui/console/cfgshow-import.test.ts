/**
 * "Paste cfgshow…" planning and the console's prompt while logged in to a switch, on the
 * two-fabric test design of fabric-os/test-fabric.ts (edge domain 2 ── core domain 1; lone 3).
 */
import { describe, expect, it } from 'vitest';
import { createFosSession } from '../../fabric-os/session.ts';
import { ARR1, fabricTopology, SRV1 } from '../../fabric-os/test-fabric.ts';
import type { Zoning } from '../../model/topology.ts';
import { fcSwitchChoices, planCfgshowImport, withSwitchZoning } from './cfgshow-import.ts';
import { currentPrompt, PROMPT } from './transcript.ts';

const TEXT = `edge_sw:admin> cfgshow
Defined configuration:
 cfg:   prod_cfg
                z1
 zone:  z1      host1; ${ARR1}
 alias: host1   ${SRV1}

Effective configuration:
 cfg:   prod_cfg
 zone:  z1
                ${SRV1}
                ${ARR1}
`;

const NOACCESS: Zoning = { aliases: [], zones: [], cfgs: [], defaultZone: 'noaccess' };

describe('console › cfgshow import › plan', () => {
  it('lists the FC switches only', () => {
    expect(fcSwitchChoices(fabricTopology()).map((c) => c.value)).toEqual(['edge', 'core', 'lone']);
  });

  it('reads a whole cfgshow into the chosen switch when its fabric has no database', () => {
    const plan = planCfgshowImport(TEXT, 'lone', fabricTopology());
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.switchId).toBe('lone');
    expect(plan.zoning.effectiveCfg).toBe('prod_cfg');
    expect(plan.zoning.zones).toEqual([{ name: 'z1', members: ['host1', ARR1] }]);
    expect(plan.summary).toBe('Imported 1 alias, 1 zone and 1 configuration into the zoning of lone_sw; "prod_cfg" in effect.');
  });

  it("goes to the fabric's database holder and keeps its default-zone policy", () => {
    const plan = planCfgshowImport(TEXT, 'edge', fabricTopology({ core: NOACCESS }));
    expect(plan.ok && plan.switchId).toBe('core');
    expect(plan.ok && plan.zoning.defaultZone).toBe('noaccess');
    expect(plan.ok && plan.summary).toContain("core_sw, the principal switch of edge_sw's fabric");
  });

  it('names the line of the first problem and plans nothing', () => {
    const bad = TEXT.replace(' zone:  z1      host1;', ' zone:  z1      nosuchalias;');
    const plan = planCfgshowImport(bad, 'edge', fabricTopology());
    expect(plan).toEqual({ ok: false, problem: expect.stringMatching(/^line 5: zone "z1": / ) });
  });

  it('refuses an empty text, a missing switch and a non-switch device', () => {
    expect(planCfgshowImport('  \n', 'edge', fabricTopology())).toEqual({ ok: false, problem: 'Paste the output of cfgshow first.' });
    expect(planCfgshowImport(TEXT, '', fabricTopology())).toEqual({ ok: false, problem: 'Pick the FC switch to import into.' });
    expect(planCfgshowImport(TEXT, 'srv1', fabricTopology()).ok).toBe(false);
  });

  it('replaces the zoning of that switch only', () => {
    const t = fabricTopology({ lone: NOACCESS });
    const next = withSwitchZoning(t, 'edge', NOACCESS);
    expect(next.devices.find((d) => d.id === 'edge')).toMatchObject({ zoning: NOACCESS });
    expect(next.devices.filter((d) => d.id !== 'edge')).toEqual(t.devices.filter((d) => d.id !== 'edge'));
  });
});

describe('console › prompt', () => {
  it('is the CCI shell prompt until login, then <switch name>:admin>', () => {
    const t = fabricTopology();
    const session = createFosSession();
    expect(currentPrompt(session, t)).toBe(PROMPT);
    session.switchId = 'edge';
    expect(currentPrompt(session, t)).toBe('edge_sw:admin>');
  });

  it('falls back to the CCI prompt when the switch left the design', () => {
    const t = fabricTopology();
    const session = { ...createFosSession(), switchId: 'gone' };
    expect(currentPrompt(session, t)).toBe(PROMPT);
  });
});
