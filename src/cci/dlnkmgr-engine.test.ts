/**
 * HDLM's view and the switch port commands against the real engine: the Fig. 13 scenario
 * (scenarios/fig13-fabric-failover.json — fabric A's cable to the array is cut at 10 s, the
 * hosts notice at 15 s) through the CLI's context, which reads `Simulation.faultStatus()`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulationContext } from '../cli/cci.ts';
import { createFosSession } from '../fabric-os/session.ts';
import { createSimulation } from '../engine/simulation.ts';
import { parseDocumentText } from '../model/parse.ts';
import { runCci, type CciContext } from './execute.ts';

function fig13Context(untilS: number): CciContext {
  const parsed = parseDocumentText(readFileSync(new URL('../../scenarios/fig13-fabric-failover.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  const sim = createSimulation(parsed.scenario);
  sim.runUntil(untilS * 1_000_000);
  return { ...simulationContext(sim), fabricOs: createFosSession() };
}

async function ok(line: string, ctx: CciContext): Promise<string> {
  const out = await runCci(line, ctx);
  expect(out.stderr, line).toBe('');
  expect(out.exitCode, line).toBe(0);
  return out.stdout;
}

/** The path rows as records keyed by the heads (PathName … HDevName). */
function pathRows(text: string): Record<string, string>[] {
  const lines = text.split('\n');
  const head = lines.findIndex((l) => l.startsWith('PathID '));
  const heads = lines[head].split(/\s+/);
  return lines
    .slice(head + 1)
    .filter((l) => /^\d{6} /.test(l))
    .map((l) => {
      // DskName holds blanks (`HITACHI .OPEN-V          .64001`): rejoin its three words.
      const cells = l.split(/\s+/);
      const dsk = cells.splice(2, 3).join(' ');
      cells.splice(2, 0, dsk);
      return Object.fromEntries(heads.map((h, i) => [h, cells[i]]));
    });
}

const summary = (text: string) => text.split('\n').slice(0, 3);

describe('cci › dlnkmgr › with the engine (Fig. 13)', () => {
  it("at 18 s the database's hba0 path is Offline(E) and hba1 carries the I/O", async () => {
    const ctx = fig13Context(18);
    const text = await ok('dlnkmgr view -path -hostname db', ctx);
    const [hba0, hba1] = pathRows(text);
    expect(hba0).toMatchObject({ PathID: '000000', PathName: '0000.0000.50060E8013130000.0000', iLU: 'db-data', ChaPort: '1A', Status: 'Offline(E)', Type: 'Non', 'IO-Errors': '0', HDevName: 'sddlmaa' });
    expect(hba1).toMatchObject({ PathID: '000001', PathName: '0001.0000.50060E8013130010.0000', ChaPort: '2A', Status: 'Online', Type: 'Own', 'IO-Errors': '0' });
    expect(Number(hba1['IO-Count'])).toBeGreaterThan(0);
    expect(summary(text)[0]).toBe('Paths:000002 OnlinePaths:000001');
    expect(summary(text)[2]).toMatch(/^Reduced\s+\d+\s+0$/);
    expect(text).toMatch(/completion time = 00:00:18\n$/);
  });

  it('the mail server, with one path, keeps it Online(E) and counts its I/O errors there', async () => {
    const ctx = fig13Context(18);
    const [only] = pathRows(await ok('dlnkmgr view -path -hostname mail', ctx));
    const errors = (await (ctx.faults!)()).paths.find((w) => w.serverId === 'mail')!.ioErrors;
    expect(errors).toBeGreaterThan(0);
    expect(only).toMatchObject({ Status: 'Online(E)', Type: 'Own', 'IO-Errors': String(errors) });
  });

  it('before the cut every path is Online; during the failover window the cut path is Online(E)', async () => {
    expect(summary(await ok('dlnkmgr view -path -hostname db', fig13Context(5)))).toEqual(['Paths:000002 OnlinePaths:000002', 'PathStatus   IO-Count     IO-Errors', expect.stringMatching(/^Online\s+\d+\s+0$/)]);
    const [hba0, hba1] = pathRows(await ok('dlnkmgr view -path -hostname db', fig13Context(12)));
    expect([hba0.Status, hba0.Type, hba1.Status, hba1.Type]).toEqual(['Online(E)', 'Own', 'Online', 'Non']);
  });

  it("switchshow shows fabric A's array port dark; portdisable on fabric B takes the database's last path", async () => {
    const ctx = fig13Context(18);
    await ok('login fab-a', ctx);
    const a = await ok('switchshow', ctx);
    expect(a).toContain('   0   0   010000   id    N8      Online      FC  F-Port  10:00:00:00:c9:13:00:01\n');
    expect(a).toContain('   4   4   010400   id    N8      No_Light    FC\n');
    await ok('login fab-b', ctx);
    expect(await ok('switchshow', ctx)).toContain('   4   4   020400   id    N8      Online      FC  F-Port  50:06:0e:80:13:13:00:10\n');

    const off = await runCci('portdisable 0', ctx);
    expect(off.actions).toEqual([{ type: 'setFault', component: { kind: 'port', deviceId: 'fab-b', portId: 'p0' }, failed: true }]);
    expect(await ok('switchshow', ctx)).toContain('   0   0   020000   id    N8      No_Light    FC  Disabled\n');
    await ok('sleep 6', ctx); // the host notices after failoverS (5 s): no path left
    const rows = pathRows(await ok('dlnkmgr view -path -hostname db', ctx));
    expect(rows.map((r) => `${r.Status} ${r.Type}`)).toEqual(['Online(E) Own', 'Offline(E) Non']);
    expect(Number(rows[0]['IO-Errors']) + Number(rows[1]['IO-Errors'])).toBe((await (ctx.faults!)()).paths.find((w) => w.serverId === 'db')!.ioErrors);

    expect((await runCci('portenable 0', ctx)).actions).toEqual([{ type: 'setFault', component: { kind: 'port', deviceId: 'fab-b', portId: 'p0' }, failed: false }]);
    await ok('sleep 6', ctx); // t = 30: both paths back at the path check (the scenario mended l3 at 25 s); hba0 is preferred
    expect(pathRows(await ok('dlnkmgr view -path -hostname db', ctx)).map((r) => `${r.Status} ${r.Type}`)).toEqual(['Online Own', 'Online Non']);
  });
});
