/**
 * The remote-copy console against the real engine: the built-in remote scenarios driven as a
 * trainer would type them, through the CLI's context plus `remote` (Simulation.remoteStatus()).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulationContext } from '../cli/cci.ts';
import type { Simulation } from '../engine/api.ts';
import { createSimulation } from '../engine/simulation.ts';
import { parseDocumentText } from '../model/parse.ts';
import type { Scenario } from '../model/scenario.ts';
import { runCci, type CciContext } from './execute.ts';

function scenario(name: string): Scenario {
  const parsed = parseDocumentText(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return parsed.scenario;
}

function consoleOver(sim: Simulation): CciContext {
  return { ...simulationContext(sim), remote: async () => sim.remoteStatus() };
}

async function ok(line: string, ctx: CciContext): Promise<string> {
  const out = await runCci(line, ctx);
  expect(out.stderr, line).toBe('');
  expect(out.exitCode, line).toBe(0);
  return out.stdout;
}

/** The journal table as records keyed by its heads. */
function journalRows(text: string): Record<string, string>[] {
  const [head, ...rows] = text.trimEnd().split('\n').map((l) => l.trim().split(/\s+/));
  return rows.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]])));
}

/** The L and R lines of pairdisplay, from Seq# on, split into words (Seq#, LDEV#.P/S, Status, …). */
function displayLines(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.replace(/^.*?\([^()]*, 0, [^)]*\)/, '').split(/\s+/));
}

const hex = (n: number): string => n.toString(16).padStart(8, '0');

describe('cci › remote copy › with the engine', () => {
  it('takeover drill: paircreate -f async, raidvchkscan, pairsplit -RS, pairresync -swaps', async () => {
    const s = scenario('remote-takeover-drill');
    // The console creates, takes over and swaps; the scenario keeps its workloads and WAN outage (20 s – 50 s).
    const sim = createSimulation({ ...s, timeline: s.timeline.filter((e) => !e.action.type.startsWith('pair') && e.action.type !== 'verifyRemote') });
    const ctx = consoleOver(sim);

    const refused = await runCci('paircreate -g RC', ctx);
    expect(refused.exitCode).toBe(254);
    expect(refused.stderr).toContain('-f async [CTG] is required for remote-async (Universal Replicator) group RC');
    expect(sim.replicationStatus().pairs.find((p) => p.key === 'RC/d0')?.state ?? 'SMPL').toBe('SMPL');
    expect(journalRows(await ok('raidvchkscan -v jnl', ctx)).map((r) => r.JNLS)).toEqual(['SMPL', 'SMPL']);

    const created = await runCci('paircreate -g RC -vl -f async 0 -jp 0 -js 0 -c 15', ctx);
    expect(created.actions).toEqual([{ type: 'pairCreate', group: 'RC', pace: 15, split: false, consistencyGroup: 0, masterJournal: 0, restoreJournal: 0 }]);
    await ok('pairevtwait -g RC -s pair -t 60', ctx);
    await ok('sleep 15', ctx);
    expect(await ok('pairvolchk -g RC', ctx)).toBe('pairvolchk : Volstat is P-VOL.[status = PAIR fence = ASYNC CTGID = 0]\n');

    const group = sim.remoteStatus().groups.find((g) => g.key === 'ctg-0')!;
    const [master, restore] = journalRows(await ok('raidvchkscan -v jnl', ctx));
    expect(master).toMatchObject({ JID: '000', CTG: '0', JNLS: 'PJNN', AP: '1', 'Q-Marker': hex(group.lastSeq), 'Seq#': '64001', 'D-SZ(BLK)': String(1024 * 2048) });
    expect(restore).toMatchObject({ JID: '000', JNLS: 'SJNN', AP: '1', 'Q-Marker': hex(group.appliedSeq), 'Seq#': '64002' });
    expect(Number(master['Q-CNT'])).toBe(group.journals.find((j) => j.role === 'master')!.entries);
    expect(group.lastSeq).toBeGreaterThanOrEqual(group.appliedSeq);

    await ok('sleep 6', ctx); // t = 21: the WAN link has been down for 1 s
    const down = displayLines(await ok('pairdisplay -g RC -fe', ctx));
    expect(down.map((l) => [l[1], l[2], l[3], l[7], l[8], l[9]])).toEqual([
      ['P0.P-VOL', 'PAIR', 'ASYNC,', '0', '0', '0'],
      ['S0.S-VOL', 'PAIR', 'ASYNC,', '0', '0', '0'],
    ]);

    const takeover = await runCci('pairsplit -g RC -RS', ctx);
    expect(takeover.actions).toEqual([{ type: 'pairSplit', group: 'RC', mode: 'steady', access: 'rw', takeover: true }]);
    await ok('pairevtwait -g RC -s ssws -t 10', ctx);
    const taken = displayLines(await ok('pairdisplay -g RC', ctx));
    expect(taken[1].slice(1, 3)).toEqual(['S0.S-VOL', 'SSWS']);
    expect(taken[1].at(-1)).toBe('W');
    expect(journalRows(await ok('raidvchkscan -v jnl', ctx)).map((r) => `${r.JNLS} ${r.AP}`)).toEqual(['PJSN 0', 'SJSN 0']);

    await ok('sleep 30', ctx); // t = 51: the link is back
    const swap = await runCci('pairresync -g RC -swaps -c 15', ctx);
    expect(swap.actions).toEqual([{ type: 'pairResync', group: 'RC', restore: false, pace: 15, swap: true }]);
    await ok('pairevtwait -g RC -s pair -t 40', ctx);
    const swapped = displayLines(await ok('pairdisplay -g RC -fce', ctx));
    expect(swapped.map((l) => [l[0], l[1], l[2], l[5]])).toEqual([
      ['64002', 'S0.P-VOL', 'PAIR', 'P0'],
      ['64001', 'P0.S-VOL', 'PAIR', 'S0'],
    ]);
    const after = journalRows(await ok('raidcom get journal', ctx));
    expect(after.map((r) => `${r.JNLID} ${r['Seq#']} ${r.JNLS}`)).toEqual(['000 64001 SJNN', '000 64002 PJNN']);
  });

  it('WAN outage: the master journal fills (PJNF), the group suspends (PJSF, PFUS), a resync brings it back', async () => {
    const sim = createSimulation(scenario('remote-async-outage'));
    const ctx = consoleOver(sim);
    await ok('sleep 25', ctx); // the link failed at 20 s: entries pile up, the remote keeps its prefix
    const [filling, waiting] = journalRows(await ok('raidvchkscan -v jnl', ctx));
    expect(filling).toMatchObject({ JNLS: 'PJNN', AP: '0' });
    expect(waiting).toMatchObject({ JNLS: 'SJNN', AP: '0' });
    expect(Number(filling['Q-CNT'])).toBeGreaterThan(1000);

    await ok('pairevtwait -g RC -s pful -t 60', ctx);
    const full = journalRows(await ok('raidvchkscan -v jnl', ctx))[0];
    expect(full.JNLS).toBe('PJNF');
    expect(Number(full['U(%)'])).toBeGreaterThan(80);

    await ok('pairevtwait -g RC -s pfus -t 60', ctx);
    expect(displayLines(await ok('pairdisplay -g RC -l', ctx))[0].slice(1, 4)).toEqual(['P0.P-VOL', 'PFUS', 'ASYNC,']);
    expect(journalRows(await ok('raidvchkscan -v jnl', ctx)).map((r) => r.JNLS)).toEqual(['PJSF', 'SJSF']);

    await ok('pairevtwait -g RC -s pair -t 90', ctx); // the scenario resyncs at 85 s
    expect(journalRows(await ok('raidvchkscan -v jnl', ctx)).map((r) => `${r.JNLS} ${r.AP}`)).toEqual(['PJNN 1', 'SJNN 1']);
  });
});
