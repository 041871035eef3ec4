/**
 * The command-acceptance tables of docs/replication.md, checked against the engine: for every
 * pair kind, every state row and every command column, a fresh simulation drives a pair into the
 * state (which proves the state reachable as documented), applies the command and compares the
 * verdict — `ok` acts, `redundant` succeeds and changes nothing, an `EX_…` code is refused with
 * that code and changes nothing. Also: the refusals checked outside the tables, and a group
 * command being all or nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../model/scenario.ts';
import type { EngineSimulationHandle } from '../simulation-types.ts';
import { createSimulation } from '../simulation.ts';
import { smallSan } from '../testing/small-sans.ts';

type Kind = 'local' | 'host-mirror' | 'snapshot';

interface AcceptanceTable {
  kind: Kind;
  commands: string[];
  rows: { state: string; cells: string[] }[];
}

const DOC = readFileSync(new URL('../../../docs/replication.md', import.meta.url), 'utf8');

/** The tables under "## Command acceptance" whose first header cell is `state (<kind>)`. */
function acceptanceTables(markdown: string): AcceptanceTable[] {
  const start = markdown.indexOf('## Command acceptance');
  const end = markdown.indexOf('\n## ', start + 1);
  const tables: AcceptanceTable[] = [];
  let current: AcceptanceTable | 'other' | null = null;
  for (const line of markdown.slice(start, end < 0 ? undefined : end).split('\n')) {
    if (!line.startsWith('|')) {
      current = null;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (current === null) {
      const m = /^state \((local|host-mirror|snapshot)\)$/.exec(cells[0]);
      current = m ? { kind: m[1] as Kind, commands: cells.slice(1), rows: [] } : 'other';
      if (current !== 'other') tables.push(current);
    } else if (current !== 'other' && !/^-+$/.test(cells[0])) {
      current.rows.push({ state: cells[0], cells: cells.slice(1) });
    }
  }
  return tables;
}

const GROUP: Record<Kind, string> = { local: 'L', 'host-mirror': 'H', snapshot: 'S' };
const PVOL: Record<Kind, string> = { local: 'lp', 'host-mirror': 'hp', snapshot: 'sp' };

/** The CCI command of each column (both split modes for `pairsplit`). */
const COMMANDS: Record<string, (group: string) => Action[]> = {
  paircreate: (group) => [{ type: 'pairCreate', group, pace: 3, split: false }],
  pairsplit: (group) => [
    { type: 'pairSplit', group, mode: 'steady', access: 'rw' },
    { type: 'pairSplit', group, mode: 'quick', access: 'rw' },
  ],
  'pairsplit -E': (group) => [{ type: 'pairSuspend', group }],
  'pairsplit -S': (group) => [{ type: 'pairDelete', group }],
  pairresync: (group) => [{ type: 'pairResync', group, restore: false }],
  'pairresync -restore': (group) => [{ type: 'pairResync', group, restore: true }],
};

/** One array, 64 MiB volumes: a local pair L (lp → ls), a host mirror H of h1 (hp → hs), snapshots S of sp (image ss). */
function newSim(): EngineSimulationHandle {
  const b = smallSan();
  for (const id of ['lp', 'ls', 'hp', 'hs', 'sp', 'ss', 'x1', 'y1', 'x2', 'y2']) b.ldev('arr1', id, 'pg-ssd', 1 / 16);
  b.ldev('arr1', 'small', 'pg-ssd', 1 / 32).ldev('arr1', 'ro', 'pg-ssd', 1 / 16, true);
  b.luPath('arr1', 'fc0', 'hg1', 2, 'hp').luPath('arr1', 'fc0', 'hg1', 3, 'hs');
  b.pool('arr1', 'pool1', 'pg-ssd', 1 / 256); // 16 tracks: a snapshot fills it (PSUE) with 20 writes
  b.copyGroup({ id: 'L', kind: 'local', devices: [{ name: 'd', pvol: 'lp', svol: 'ls' }] });
  b.copyGroup({ id: 'H', kind: 'host-mirror', serverId: 'h1', devices: [{ name: 'd', pvol: 'hp', svol: 'hs' }] });
  b.copyGroup({ id: 'S', kind: 'snapshot', poolId: 'pool1', devices: [{ name: 'd', pvol: 'sp', svol: 'ss' }] });
  b.copyGroup({ id: 'SMALL', kind: 'local', devices: [{ name: 'd', pvol: 'lp', svol: 'small' }] });
  b.copyGroup({ id: 'RO', kind: 'local', devices: [{ name: 'd', pvol: 'lp', svol: 'ro' }] });
  b.copyGroup({ id: 'TWO', kind: 'local', devices: [{ name: 'd1', pvol: 'x1', svol: 'y1' }, { name: 'd2', pvol: 'x2', svol: 'y2' }] });
  return createSimulation(b.build({ durationS: 60 }));
}

function must(sim: EngineSimulationHandle, action: Action): void {
  const r = sim.apply(action);
  if (!r.ok) throw new Error(`${action.type}: ${r.code} ${r.message}`);
}

/** Drives the pair of `kind` into `state` at time 0 (no copy cycle runs: transient states hold). */
function driveTo(sim: EngineSimulationHandle, kind: Kind, state: string): void {
  const group = GROUP[kind];
  const write = () => sim.hostWriteTrack(PVOL[kind], 0, kind === 'host-mirror' ? 'H/d' : undefined);
  const create = () => must(sim, { type: 'pairCreate', group, pace: 3, split: false });
  const split = (mode: 'steady' | 'quick') => must(sim, { type: 'pairSplit', group, mode, access: 'rw' });
  const recipes: Record<string, () => void> = {
    SMPL: () => {},
    COPY: () => {
      write();
      create();
    },
    PAIR: create,
    // A write after PAIR leaves a track pending (an array pair's update copy has not run yet); a
    // host mirror duplexes it, so it is split during its initial copy instead.
    'COPY(SP)': () => {
      if (kind === 'host-mirror') write();
      create();
      if (kind !== 'host-mirror') write();
      split('steady');
    },
    'PSUS(SP)': () => {
      create();
      write();
      split('quick');
    },
    PSUS: () => {
      create();
      split('steady');
    },
    'COPY(RS)': () => {
      create();
      split('steady');
      write();
      must(sim, { type: 'pairResync', group, restore: false });
    },
    'COPY(RS-R)': () => {
      create();
      split('steady');
      write();
      must(sim, { type: 'pairResync', group, restore: true });
    },
    // Thin Image has no pairsplit -E: a snapshot goes PSUE when its pool fills up.
    PSUE: () => {
      if (kind === 'snapshot') {
        for (let t = 0; t < 20; t++) sim.hostWriteTrack(PVOL[kind], t);
        create();
        split('steady');
        for (let t = 0; t < 20; t++) sim.hostWriteTrack(PVOL[kind], t);
        return;
      }
      create();
      must(sim, { type: 'pairSuspend', group });
    },
  };
  const recipe = recipes[state];
  if (recipe === undefined) throw new Error(`no recipe for state ${state}`);
  recipe();
}

const stateOf = (sim: EngineSimulationHandle, key: string) => sim.replicationStatus().pairs.find((p) => p.key === key)!.state;
const rejectedOf = (sim: EngineSimulationHandle, key: string) => sim.report().pairs[key].rejectedCommands;

/** Applies `action` to the pair of `kind` in `state` and checks the documented verdict. */
function checkCell(kind: Kind, state: string, action: Action, verdict: string): void {
  const sim = newSim();
  const key = `${GROUP[kind]}/d`;
  driveTo(sim, kind, state);
  expect(stateOf(sim, key), 'the recipe reaches the row state').toBe(state);
  const rejectedBefore = rejectedOf(sim, key);
  const r = sim.apply(action);
  if (verdict === 'ok') {
    expect(r).toMatchObject({ ok: true });
    expect(r.redundant ?? false).toBe(false);
    return;
  }
  if (verdict === 'redundant') expect(r).toMatchObject({ ok: true, redundant: true });
  else expect(r).toMatchObject({ ok: false, code: verdict });
  expect(stateOf(sim, key), 'a redundant or rejected command changes nothing').toBe(state);
  expect(rejectedOf(sim, key)).toBe(rejectedBefore + (verdict === 'redundant' ? 0 : 1));
}

const TABLES = acceptanceTables(DOC);

describe('command acceptance › docs/replication.md', () => {
  it('has one table per pair kind, each with every command and its reachable states', () => {
    expect(TABLES.map((t) => t.kind)).toEqual(['local', 'host-mirror', 'snapshot']);
    for (const t of TABLES) expect(t.commands).toEqual(Object.keys(COMMANDS));
    const states = (kind: Kind) => TABLES.find((t) => t.kind === kind)!.rows.map((r) => r.state);
    expect(states('local')).toEqual(['SMPL', 'COPY', 'PAIR', 'COPY(SP)', 'PSUS(SP)', 'PSUS', 'COPY(RS)', 'COPY(RS-R)', 'PSUE']);
    expect(states('host-mirror')).toEqual(['SMPL', 'COPY', 'PAIR', 'COPY(SP)', 'PSUS', 'COPY(RS)', 'COPY(RS-R)', 'PSUE']);
    expect(states('snapshot')).toEqual(['SMPL', 'PAIR', 'PSUS', 'COPY(RS-R)', 'PSUE']);
    for (const t of TABLES) for (const row of t.rows) for (const cell of row.cells) expect(cell).toMatch(/^(ok|redundant|EX_[A-Z]+)$/);
  });

  for (const table of TABLES) {
    describe(table.kind, () => {
      for (const row of table.rows) {
        describe(row.state, () => {
          table.commands.forEach((command, c) => {
            it(`${command} → ${row.cells[c]}`, () => {
              for (const action of COMMANDS[command](GROUP[table.kind])) checkCell(table.kind, row.state, action, row.cells[c]);
            });
          });
        });
      }
    });
  }
});

describe('command acceptance › beyond the tables', () => {
  it('a host mirror splits from PAIR straight to PSUS, whatever it duplexed', () => {
    const sim = newSim();
    must(sim, { type: 'pairCreate', group: 'H', pace: 3, split: false });
    for (let t = 0; t < 8; t++) sim.hostWriteTrack('hp', t, 'H/d');
    for (const mode of ['steady', 'quick'] as const) {
      must(sim, { type: 'pairSplit', group: 'H', mode, access: 'rw' });
      expect(stateOf(sim, 'H/d')).toBe('PSUS');
      must(sim, { type: 'pairResync', group: 'H', restore: false });
      sim.runUntil(sim.nowUs() + 1_000_000);
      expect(stateOf(sim, 'H/d')).toBe('PAIR');
    }
  });

  it('refuses unknown groups and devices, a small S-VOL and a read-only one, with their codes', () => {
    const sim = newSim();
    expect(sim.apply({ type: 'pairCreate', group: 'NOPE', pace: 3, split: false })).toMatchObject({ ok: false, code: 'EX_ENOGRP' });
    expect(sim.apply({ type: 'pairCreate', group: 'L', device: 'x', pace: 3, split: false })).toMatchObject({ ok: false, code: 'EX_ENODEV' });
    expect(sim.apply({ type: 'pairCreate', group: 'SMALL', pace: 3, split: false })).toMatchObject({ ok: false, code: 'EX_ENQSIZ' });
    expect(sim.apply({ type: 'pairCreate', group: 'RO', pace: 3, split: false })).toMatchObject({ ok: false, code: 'EX_INVVOL' });
    expect(stateOf(sim, 'SMALL/d')).toBe('SMPL');
    expect(stateOf(sim, 'RO/d')).toBe('SMPL');
  });

  it('checks a group command for every pair first: one refusal changes none of them', () => {
    const sim = newSim();
    must(sim, { type: 'pairCreate', group: 'TWO', pace: 3, split: false });
    must(sim, { type: 'pairSplit', group: 'TWO', device: 'd1', mode: 'steady', access: 'rw' });
    expect(sim.apply({ type: 'pairResync', group: 'TWO', restore: true })).toMatchObject({ ok: false, code: 'EX_INVSTP' });
    expect([stateOf(sim, 'TWO/d1'), stateOf(sim, 'TWO/d2')]).toEqual(['PSUS', 'PAIR']);
    // Redundant for d1, accepted for d2: the group command acts.
    expect(sim.apply({ type: 'pairSplit', group: 'TWO', mode: 'steady', access: 'rw' })).toEqual({ ok: true });
    expect([stateOf(sim, 'TWO/d1'), stateOf(sim, 'TWO/d2')]).toEqual(['PSUS', 'PSUS']);
  });
});
