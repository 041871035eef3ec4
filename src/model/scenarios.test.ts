/**
 * The built-in scenarios (scenarios/*.json): every file parses, is in the canonical serialised
 * form, compiles, refers only to workloads, copy groups and LDEVs that exist, and — run through
 * the engine with its own seed — meets every expectation it states, with the same event-log hash
 * whether it runs in one go or in slices. The replication scenarios are then replayed like a
 * runbook, checking what a final report cannot show: the S-VOL at the split, a pair mid-copy,
 * the copy set at the instant a resync starts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario, createSimulation, type Report, type Simulation } from '../engine/index.ts';
import { checkDesign } from './design-rules.ts';
import { parseDocumentText } from './parse.ts';
import { Scenario } from './scenario.ts';
import { serializeScenario } from './serialize.ts';

const DIR = new URL('../../scenarios/', import.meta.url);
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const US = 1_000_000;

const textOf = (file: string): string => readFileSync(new URL(file, DIR), 'utf8');
const load = (file: string): Scenario => Scenario.parse(JSON.parse(textOf(file)));

/** The report of a whole run in one `runUntil`, computed once per file. */
const fullRuns = new Map<string, Report>();
function fullRun(file: string): Report {
  let report = fullRuns.get(file);
  if (report === undefined) {
    const sim = createSimulation(load(file));
    sim.runUntil(sim.endUs());
    report = sim.report();
    fullRuns.set(file, report);
  }
  return report;
}

/** Failed expectations, readable in a test failure. */
const failed = (r: Report): string[] => r.expectations.filter((e) => !e.ok).map((e) => `${e.description}: ${String(e.actual)} ${e.op} ${JSON.stringify(e.value)}`);

describe('built-in scenarios', () => {
  it('include the demo, the replication examples and the backup runbooks', () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        'embodiment-1-differential-resync.json',
        'embodiment-1-full-resync.json',
        'embodiment-1-online-backup.json',
        'embodiment-2-third-volume.json',
        'fig5a-steady-split.json',
        'fig5b-quick-split.json',
        'snapshot-backup.json',
      ]),
    );
  });

  describe.each(FILES)('%s', (file) => {
    const text = textOf(file);

    it('passes Scenario.parse, loads through parseDocumentText and is in canonical form', () => {
      expect(() => Scenario.parse(JSON.parse(text))).not.toThrow();
      const r = parseDocumentText(text);
      expect(r.ok ? r.source : r.errors).toBe('scenario');
      expect(serializeScenario(load(file))).toBe(text);
    });

    it('has no design-rule errors and compiles', () => {
      const s = load(file);
      expect(checkDesign(s.topology).filter((i) => i.severity === 'error')).toEqual([]);
      expect(() => compileScenario(s, s.seed)).not.toThrow();
    });

    it('opens its description with a one-sentence summary (the Examples menu shows it)', () => {
      const first = /^(.+?[.!?])(\s+[A-Z]|$)/s.exec(load(file).description)?.[1] ?? '';
      expect(first.length).toBeGreaterThan(20);
      expect(first.length).toBeLessThanOrEqual(200);
    });

    it('refers only to workloads, copy groups, devices and LDEVs that exist, within the run', () => {
      const s = load(file);
      const workloads = new Set(s.topology.devices.flatMap((d) => (d.kind === 'server' ? d.workloads.map((w) => `${d.id}/${w.id}`) : [])));
      const devices = new Set(s.topology.copyGroups.flatMap((g) => [g.id, ...g.devices.map((d) => `${g.id}/${d.name}`)]));
      const ldevs = new Set(s.topology.devices.flatMap((d) => (d.kind === 'array' ? d.ldevs.map((l) => l.id) : [])));
      for (const entry of s.timeline) {
        const a = entry.action;
        const where = `timeline action ${JSON.stringify(a)}`;
        if ('workloadId' in a) expect(workloads, where).toContain(`${a.serverId}/${a.workloadId}`);
        if ('group' in a) expect(devices, where).toContain(!('device' in a) || a.device === undefined ? a.group : `${a.group}/${a.device}`);
        if ('ldevId' in a) expect(ldevs, where).toContain(a.ldevId);
        if (entry.atS !== undefined) expect(entry.atS).toBeLessThanOrEqual(s.durationS);
      }
    });

    it('meets every expectation with its seed', () => {
      const r = fullRun(file);
      expect(r.expectations.length).toBeGreaterThan(10);
      expect(failed(r)).toEqual([]);
    });
  });
});

/**
 * Replays `file` in slices, stopping at each checkpoint (simulated seconds, ascending) to run
 * its check; then checks the expectations and that slicing changed nothing.
 */
function replay(file: string, checkpoints: [atS: number, check: (sim: Simulation) => void][]): void {
  const sim = createSimulation(load(file));
  for (const [atS, check] of checkpoints) {
    sim.runUntil(Math.round(atS * US));
    check(sim);
  }
  sim.runUntil(sim.endUs());
  const r = sim.report();
  expect(failed(r)).toEqual([]);
  expect(r.eventLogHash).toBe(fullRun(file).eventLogHash);
}

const pair = (sim: Simulation, key: string) => {
  const p = sim.replicationStatus().pairs.find((x) => x.key === key);
  if (p === undefined) throw new Error(`no pair ${key}`);
  return p;
};
const pairReport = (sim: Simulation, key: string) => sim.report().pairs[key];
const workload = (sim: Simulation, id: string) => sim.snapshot().workloads.find((w) => w.workloadId === id)!;
/** Just before the events of second `s` (timeline actions at `s` have not run yet). */
const before = (s: number): number => s - 1 / US;

describe('built-in scenarios › embodiment 1 (the demo)', () => {
  const s = load('embodiment-1-online-backup.json');

  it('keeps the demo as specified: seed 42, mirror at 0 s, the runbook of steps 400-415 started at 20 s', () => {
    expect([s.seed, s.durationS]).toEqual([42, 180]);
    expect(s.timeline.map((e) => [e.atS, e.action.type])).toEqual([
      [0, 'pairCreate'],
      [20, 'startRunbook'],
    ]);
    const rb = s.runbooks.find((r) => r.id === 'online-backup');
    expect(rb?.steps.map((st) => st.n)).toEqual(Array.from({ length: 16 }, (_, i) => 400 + i));
    expect(rb?.steps.find((st) => st.n === 403)?.action).toEqual({ type: 'dbBackupMode', serverId: 'db-server', on: true });
    expect(rb?.steps.find((st) => st.n === 409)?.action).toMatchObject({ type: 'backupJob', source: 'db-secondary', libraryId: 'tape1', path: 'lan-free' });
    const array = s.topology.devices.find((d) => d.kind === 'array');
    expect(array?.kind === 'array' && array.ldevs.map((l) => [l.id, l.parityGroupId, l.capacityGiB])).toEqual([
      ['db-primary', '1-1', 200],
      ['db-secondary', '1-2', 200],
    ]);
    expect(s.topology.copyGroups).toEqual([
      { id: 'DB', kind: 'host-mirror', serverId: 'db-server', recordPositions: true, devices: [{ name: 'db', pvol: 'db-primary', svol: 'db-secondary', mu: 0 }] },
    ]);
  });
});

/** The embodiment-1 runbook; `copySet` says what the resync at 76 s must copy. */
function embodimentOne(file: string, copySet: 'every written track' | 'the tracks written while split'): void {
  let writtenAtResync = -1;
  let dirtyAtResync = -1;
  replay(file, [
    [0, (sim) => {
      expect(pair(sim, 'DB/db').state).toBe('PAIR'); // both volumes empty: nothing to copy
      expect(pairReport(sim, 'DB/db').copies).toMatchObject([{ reason: 'initial', tracksPlanned: 0 }]);
    }],
    [29, (sim) => expect(pair(sim, 'DB/db')).toMatchObject({ state: 'PSUS', splitAtS: 28, svolAccess: 'rw' })],
    [before(76), (sim) => {
      const r = pairReport(sim, 'DB/db');
      // The backup read db-secondary while it held exactly db-primary as of the split, and never wrote it.
      expect(sim.report().ldevs['db-secondary'].readIops).toBeGreaterThan(0);
      expect(r.svolDigest).toBe(r.pDigestAtSplit);
      expect(r.sDirtyTracks).toBe(0);
      writtenAtResync = sim.report().ldevs['db-primary'].writtenTracks;
      dirtyAtResync = r.dirtyTracks;
      expect(dirtyAtResync).toBeGreaterThan(0);
      expect(dirtyAtResync).toBeLessThan(writtenAtResync);
    }],
    [76, (sim) => {
      expect(pair(sim, 'DB/db').state).toBe('COPY(RS)');
      const op = pairReport(sim, 'DB/db').copies[1];
      expect(op.tracksPlanned).toBe(copySet === 'every written track' ? writtenAtResync : dirtyAtResync);
    }],
    [150, (sim) => expect(pair(sim, 'DB/db').state).toBe(copySet === 'every written track' ? 'COPY(RS)' : 'PAIR')],
  ]);
}

describe('built-in scenarios › embodiment 1 › replayed', () => {
  it('full resync: the backup reads the split image; the resync copies every written track', () => {
    embodimentOne('embodiment-1-full-resync.json', 'every written track');
  });

  it('differential resync: the resync copies exactly the tracks written while split', () => {
    embodimentOne('embodiment-1-differential-resync.json', 'the tracks written while split');
  });
});

describe('built-in scenarios › embodiment 2 › replayed', () => {
  it('the third volume keeps the split image while the mirror is resynchronised and back in PAIR', () => {
    replay('embodiment-2-third-volume.json', [
      [28, (sim) => {
        expect(pair(sim, 'DB/db').state).toBe('PSUS');
        expect(pair(sim, 'BK/db')).toMatchObject({ state: 'COPY(SP)', svolAccess: 'none' });
      }],
      [before(40), (sim) => {
        const bk = pairReport(sim, 'BK/db');
        expect(bk.state).toBe('PSUS');
        expect(bk.svolDigest).toBe(pairReport(sim, 'DB/db').pDigestAtSplit);
      }],
      [79, (sim) => {
        // Step 607 is long done while steps 609-612 still read the third volume.
        expect(pair(sim, 'DB/db').state).toBe('PAIR');
        expect(pair(sim, 'BK/db').state).toBe('PSUS');
        expect(workload(sim, 'backup-read')).toMatchObject({ active: true, ldevId: 'db-third' });
      }],
    ]);
  });
});

describe('built-in scenarios › Figs. 5a and 5b › replayed', () => {
  it('steady split: the S-VOL is unavailable while COPY(SP) drains, then holds the split image', () => {
    replay('fig5a-steady-split.json', [
      [30, (sim) => expect(pair(sim, 'SI/db')).toMatchObject({ state: 'COPY(SP)', svolAccess: 'none' })],
      [35, (sim) => {
        expect(pair(sim, 'SI/db').state).toBe('COPY(SP)');
        expect(sim.report().rejectedIos.byReason['pair-state']).toBeGreaterThan(0);
        expect(sim.report().ldevs['db-secondary'].completedIos).toBe(0);
      }],
    ]);
  });

  it('quick split: the S-VOL is readable at once while the background copy runs', () => {
    replay('fig5b-quick-split.json', [
      [30, (sim) => {
        expect(pair(sim, 'SI/db')).toMatchObject({ state: 'PSUS(SP)', svolAccess: 'r' });
        expect(pair(sim, 'SI/db').pendingTracks).toBeGreaterThan(0);
      }],
      [35, (sim) => {
        expect(pair(sim, 'SI/db').state).toBe('PSUS(SP)');
        expect(sim.report().ldevs['db-secondary'].completedIos).toBeGreaterThan(0);
        expect(sim.report().rejectedIos.total).toBe(0);
      }],
    ]);
  });
});

describe('built-in scenarios › snapshots › replayed', () => {
  it('taking a generation copies nothing; its image stays the volume at that instant', () => {
    replay('snapshot-backup.json', [
      [20, (sim) => {
        expect(pair(sim, 'SNAP/g0').state).toBe('PSUS');
        expect(pair(sim, 'SNAP/g1').state).toBe('PAIR');
        expect(sim.replicationStatus().pools[0].usedTracks).toBe(0);
      }],
      [49, (sim) => {
        const r = sim.report();
        expect(r.ldevs['snap-g0'].contentDigest).toBe(r.pairs['SNAP/g0'].pDigestAtSplit);
        expect(r.ldevs['db-primary'].contentDigest).not.toBe(r.pairs['SNAP/g0'].pDigestAtSplit);
        expect(r.pools['array1/pool1'].usedTracks).toBe(r.pairs['SNAP/g0'].preservedTracks);
      }],
    ]);
  });
});
