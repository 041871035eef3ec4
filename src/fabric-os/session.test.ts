import { describe, expect, it } from 'vitest';
import { runCci } from '../cci/execute.ts';
import type { Zoning } from '../model/topology.ts';
import { zoneEndpoint, zoningAllows } from '../model/zoning.ts';
import { fosPrompt } from './session.ts';
import { ARR1, SRV1, SRV2, fabricContext, fabricTopology, type FabricContext } from './test-fabric.ts';

/** Runs the lines in order on `ctx`; returns the last output. */
async function script(ctx: FabricContext, ...lines: string[]) {
  let out = await runCci('', ctx);
  for (const line of lines) {
    out = await runCci(line, ctx);
    if (out.exitCode !== 0) return out;
  }
  return out;
}

const edgeZoning = (ctx: FabricContext) => ctx.topology.devices.find((d) => d.id === 'edge' && d.kind === 'fcSwitch') as { zoning?: Zoning };
const coreZoning = (ctx: FabricContext) => (ctx.topology.devices.find((d) => d.id === 'core') as { zoning?: Zoning }).zoning;

/** Whether srv (1 or 2) may reach the array under the design's zoning of the core switch. */
const reaches = (ctx: FabricContext, srv: 'srv1' | 'srv2') =>
  zoningAllows(coreZoning(ctx), zoneEndpoint(ctx.topology, srv, 'hba0'), zoneEndpoint(ctx.topology, 'arr1', 'CL1-A'));

const ZONE_SRV1 = [`alicreate "h1", "${SRV1}"`, `alicreate "arr", "${ARR1}"`, 'zonecreate "z1", "h1; arr"', 'cfgcreate "cfg1", "z1"'];

describe('fabric-os › session › login', () => {
  it('refuses zoning commands outside a login, naming the switches', async () => {
    const out = await runCci('zonecreate "z1", "1,1"', fabricContext());
    expect(out).toMatchObject({ exitCode: 1, stderr: 'zonecreate: not logged in to a switch: type login <switch> first (switches: edge, core, lone)\n' });
  });

  it('logs in by id or name, says where the database lives, and shows a prompt', async () => {
    const ctx = fabricContext(fabricTopology({ core: { aliases: [], zones: [], cfgs: [], defaultZone: 'allaccess' } }));
    const out = await runCci('login EDGE_SW', ctx);
    expect(out.stdout).toBe("Logged in to edge_sw (domain ID 2); the fabric's zoning database is on the principal switch core_sw.\n");
    expect(fosPrompt(ctx.fabricOs, ctx.topology)).toBe('edge_sw:admin>');
    expect((await runCci('logout', ctx)).stdout).toBe('Logged out.\n');
    expect(fosPrompt(ctx.fabricOs, ctx.topology)).toBeNull();
    expect((await runCci('login nosuch', ctx)).stderr).toBe('login: no switch "nosuch" (switches: edge, core, lone)\n');
  });
});

describe('fabric-os › session › transaction', () => {
  it('keeps edits in the transaction until cfgsave, then writes the database to the design and the simulation', async () => {
    const ctx = fabricContext();
    await script(ctx, 'login edge', ...ZONE_SRV1);
    expect(ctx.applied).toEqual([]);
    expect(edgeZoning(ctx).zoning).toBeUndefined();
    const saved = await runCci('cfgsave', ctx);
    expect(saved).toMatchObject({ exitCode: 0, stdout: 'Updating flash ...\n' });
    // No switch of the fabric had a database: it is created on the logged-in switch.
    const z = edgeZoning(ctx).zoning!;
    expect(z).toMatchObject({ aliases: [{ name: 'h1', members: [SRV1] }, { name: 'arr', members: [ARR1] }], zones: [{ name: 'z1', members: ['h1', 'arr'] }], cfgs: [{ name: 'cfg1', members: ['z1'] }] });
    expect(z.effectiveCfg).toBeUndefined();
    expect(saved.actions).toEqual([{ type: 'setZoning', switchId: 'edge', zoning: z }]);
    expect(ctx.applied).toEqual(saved.actions);
    expect((await runCci('cfgsave', ctx)).stdout).toBe('Nothing changed: nothing to save, returning ...\n');
  });

  it('edits the principal switch (lowest domain ID holding a database) when logged in elsewhere', async () => {
    const empty: Zoning = { aliases: [], zones: [], cfgs: [], defaultZone: 'allaccess' };
    const ctx = fabricContext(fabricTopology({ core: empty, edge: empty }));
    await script(ctx, 'login edge', 'zonecreate "z1", "2,0; 1,0"', 'cfgcreate "c", "z1"', 'cfgenable "c"');
    expect(ctx.designWrites.map((w) => w.switchId)).toEqual(['core']);
    expect(edgeZoning(ctx).zoning).toEqual(empty);
  });

  it('cfgenable makes a configuration effective: the fabric lets only its zones through', async () => {
    const ctx = fabricContext();
    expect(reaches(ctx, 'srv2')).toBe(true);
    const out = await script(ctx, 'login core', ...ZONE_SRV1, 'cfgenable "cfg1"');
    expect(out.stdout).toBe('zone config "cfg1" is in effect\nUpdating flash ...\n');
    expect(coreZoning(ctx)?.effectiveCfg).toBe('cfg1');
    expect([reaches(ctx, 'srv1'), reaches(ctx, 'srv2')]).toEqual([true, false]);
    await script(ctx, 'cfgdisable');
    expect(coreZoning(ctx)?.effectiveCfg).toBeUndefined();
    expect(reaches(ctx, 'srv2')).toBe(true);
  });

  it('shows pending edits as defined while the effective part stays as committed', async () => {
    const ctx = fabricContext();
    await script(ctx, 'login core', ...ZONE_SRV1, 'cfgenable "cfg1"', `zoneadd "z1", "${SRV2}"`);
    const shown = (await runCci('cfgshow', ctx)).stdout;
    expect(shown).toContain(` zone:  z1      h1; arr; ${SRV2}\n`);
    expect(shown.split('Effective configuration:')[1]).not.toContain(SRV2);
    expect(reaches(ctx, 'srv2')).toBe(false);
    await script(ctx, 'cfgtransabort');
    expect((await runCci('zoneshow "z1"', ctx)).stdout).toBe(' zone:  z1      h1; arr\n');
  });

  it('cfgsave of a change to an effective zone says SANdbox enforces it at once', async () => {
    const ctx = fabricContext();
    const out = await script(ctx, 'login core', ...ZONE_SRV1, 'cfgenable "cfg1"', `zoneadd "z1", "${SRV2}"`, 'cfgsave');
    expect(out.stdout).toContain('Note: zones of the effective configuration "cfg1" changed');
    expect(reaches(ctx, 'srv2')).toBe(true);
  });

  it('defzone --noaccess closes the fabric when no configuration is effective, after cfgsave', async () => {
    const ctx = fabricContext();
    await script(ctx, 'login core', 'defzone --noaccess');
    expect((await runCci('defzone --show', ctx)).stdout).toBe('Default Zone Access Mode: No Access (transaction pending: cfgsave to commit)\n');
    expect(reaches(ctx, 'srv1')).toBe(true);
    await script(ctx, 'cfgsave');
    expect(reaches(ctx, 'srv1')).toBe(false);
    expect((await runCci('defzone --show', ctx)).stdout).toBe('Default Zone Access Mode: No Access\n');
  });

  it('logout aborts an open transaction', async () => {
    const ctx = fabricContext();
    await script(ctx, 'login core', 'zonecreate "z1", "1,0; 2,0"');
    expect((await runCci('logout', ctx)).stdout).toBe('The open zoning transaction was aborted.\nLogged out.\n');
    await script(ctx, 'login core');
    expect((await runCci('zoneshow "z1"', ctx)).stderr).toBe('zoneshow: "z1" does not exist.\n');
  });

  it('without a design writer, a commit reaches the simulation and later commands see it', async () => {
    const ctx = fabricContext(fabricTopology(), { designWrites: false });
    await script(ctx, 'login core', ...ZONE_SRV1, 'cfgenable "cfg1"');
    expect(ctx.applied).toHaveLength(1);
    expect((await runCci('cfgshow', ctx)).stdout).toContain('Effective configuration:\n cfg:   cfg1\n');
  });

  it('a commit the simulation refuses (no design writer) changes nothing and keeps the transaction', async () => {
    const ctx = fabricContext(fabricTopology(), { designWrites: false });
    ctx.verdict = () => ({ ok: false, message: 'no simulation loaded' });
    const out = await script(ctx, 'login core', ...ZONE_SRV1, 'cfgsave');
    expect(out).toMatchObject({ exitCode: 1, stderr: 'cfgsave: the fabric refused the zoning change: no simulation loaded\n', actions: [] });
    expect((await runCci('cfgshow "cfg1"', ctx)).stdout).toBe(' cfg:   cfg1    z1\n');
  });
});

describe('fabric-os › session › cfgimport', () => {
  it('reads a pasted cfgshow into the transaction; cfgsave commits it with its effective configuration', async () => {
    const ctx = fabricContext();
    const text = `Defined configuration:\n cfg:   c1      z1\n zone:  z1      ${SRV1}; 1,0\n\nEffective configuration:\n cfg:   c1\n`;
    const out = await script(ctx, 'login core', `cfgimport\n${text}`);
    expect(out.stdout).toBe('Imported 0 aliases, 1 zones and 1 configurations into the transaction; cfgsave commits them with "c1" effective.\n');
    expect(reaches(ctx, 'srv2')).toBe(true);
    await script(ctx, 'cfgsave');
    expect([reaches(ctx, 'srv1'), reaches(ctx, 'srv2')]).toEqual([true, false]);
  });

  it('names the bad line and leaves the transaction alone', async () => {
    const ctx = fabricContext();
    const out = await script(ctx, 'login core', 'cfgimport\nDefined configuration:\n zone:  z1      nosuch\n');
    expect(out.stderr).toBe('cfgimport: line 2: zone "z1": invalid zone member "nosuch": no alias of that name (nor a WWPN or domain,port)\n');
    expect(ctx.fabricOs.transaction).toBeNull();
  });
});

describe('fabric-os › session › a refusing simulation with a design writer', () => {
  it('writes the design, records no action and says the simulation refused', async () => {
    const ctx = fabricContext();
    ctx.verdict = () => ({ ok: false, message: 'no simulation loaded' });
    const out = await script(ctx, 'login core', ...ZONE_SRV1, 'cfgsave');
    expect(out).toMatchObject({ exitCode: 0, actions: [], stdout: 'Note: the design has the new zoning; the running simulation refused it (no simulation loaded).\nUpdating flash ...\n' });
    expect(ctx.designWrites).toHaveLength(1);
  });
});

describe('fabric-os › session › errors change nothing', () => {
  it.each([
    ['alicreate "h1", "1,1"', 'alicreate: duplicate name "h1": an alias of that name exists'],
    ['zonecreate "cfg1", "1,1"', 'zonecreate: duplicate name "cfg1": a zone configuration of that name exists'],
    ['alicreate "a2", "h1"', 'alicreate: invalid alias member "h1": an alias lists WWPNs and domain,port pairs (aliases do not nest)'],
    ['zonecreate "z2", "nosuch"', 'zonecreate: invalid zone member "nosuch": no alias of that name (nor a WWPN or domain,port)'],
    ['cfgcreate "c2", "h1"', 'cfgcreate: invalid configuration member "h1": no zone of that name'],
    ['zoneadd "z9", "1,1"', 'zoneadd: "z9" not found'],
    ['zoneadd "h1", "1,1"', 'zoneadd: "h1" is not a zone (it is an alias)'],
    ['zoneadd "z1", "h1"', 'zoneadd: "h1" is already a member of zone "z1"'],
    ['zoneremove "z1", "1,1"', 'zoneremove: "1,1" is not a member of zone "z1"'],
    ['alidelete "h1"', 'alidelete: "h1" is still used by zone "z1": remove it there first'],
    ['zonedelete "z1"', 'zonedelete: "z1" is still used by configuration "cfg1": remove it there first'],
    ['cfgdelete "cfg1"', 'cfgdelete: "cfg1" is still used by the effective configuration (cfgdisable first): remove it there first'],
    ['cfgclear', 'cfgclear: configuration "cfg1" is in effect: run cfgdisable before cfgclear'],
    ['cfgenable "nosuch"', 'cfgenable: "nosuch" not found'],
    ['zoneshow "q*"', 'zoneshow: "q*" does not exist.'],
    ['cfgtransabort', 'cfgtransabort: there is no outstanding zoning transaction'],
  ])('%s', async (line, stderr) => {
    const ctx = fabricContext();
    await script(ctx, 'login core', ...ZONE_SRV1, 'cfgenable "cfg1"');
    const before = { topology: ctx.topology, transaction: ctx.fabricOs.transaction, applied: ctx.applied.length };
    const out = await runCci(line, ctx);
    expect(out).toMatchObject({ exitCode: 1, stdout: '', stderr: `${stderr}\n`, actions: [] });
    expect({ topology: ctx.topology, transaction: ctx.fabricOs.transaction, applied: ctx.applied.length }).toEqual(before);
  });
});

describe('fabric-os › session › removing and deleting', () => {
  it('removing the last member deletes the object; deletes free names; cfgclear empties the defined configuration', async () => {
    const ctx = fabricContext();
    await script(ctx, 'login core', ...ZONE_SRV1, `aliadd "h1", "${SRV2}"`, `aliremove "h1", "${SRV1}"`);
    expect((await runCci('alishow "h1"', ctx)).stdout).toBe(` alias: h1      ${SRV2}\n`);
    await script(ctx, 'cfgremove "cfg1", "z1"');
    expect((await runCci('cfgshow "cfg1"', ctx)).exitCode).toBe(1);
    await script(ctx, 'zoneremove "z1", "arr"', 'zonedelete "z1"', 'alidelete "arr"');
    expect((await runCci('alishow', ctx)).stdout).toBe(` alias: h1      ${SRV2}\n`);
    await script(ctx, 'cfgclear');
    expect((await runCci('cfgshow', ctx)).stdout).toBe('Defined configuration:\n no configuration defined\n\nEffective configuration:\n no configuration in effect\n');
  });

  it('the CCI commands still work beside the switch commands', async () => {
    const ctx = fabricContext();
    await script(ctx, 'login core');
    expect((await runCci('help zonecreate', ctx)).stdout).toContain('usage: zonecreate "zoneName", "member[; member...]"');
    expect((await runCci('nosuch', ctx)).stderr).toContain('EX_UNWCMD');
  });
});
