/**
 * The architect's sweep against fake runs: argument parsing, what a sweep changes, validation of
 * every value before anything runs, rows, the table and the command. The real engine's sweep is
 * tested end to end in main.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { smallSan } from '../engine/testing/small-sans.ts';
import { Scenario } from '../model/scenario.ts';
import type { RemoteGroupReport, Report } from '../engine/api.ts';
import { CompileError } from '../engine/compile.ts';
import { parseArgs, parseJournalRef, parseSweepSpec, UsageError, type CliOptions, type SweepOptions } from './args.ts';
import type { CliIo } from './main.ts';
import {
  formatSweep,
  formatTable,
  lowestWithoutSuspension,
  rowsOf,
  runSweep,
  sweepMain,
  sweepScenarios,
  sweepTargets,
  SweepError,
  type RunScenario,
  type SweepRow,
} from './sweep.ts';

// ---------------------------------------------------------------- fixtures

/** smallSan plus a second array with two journals, one on arr1, and two WAN links. */
function remoteScenario(): Scenario {
  const b = smallSan();
  b.array('arr2', { ports: 2 });
  const s = b.build({ durationS: 30 });
  const wan = (id: string, bandwidthMbps: number) => ({
    id,
    name: id,
    kind: 'wanLink' as const,
    siteId: 'main',
    position: { x: 0, y: 400 },
    ports: [
      { id: 'w0', kind: 'wan' as const, speedGbps: 10 },
      { id: 'w1', kind: 'wan' as const, speedGbps: 10 },
    ],
    bandwidthMbps,
    distanceKm: 100,
  });
  const devices = s.topology.devices.map((d) => {
    if (d.id === 'arr1') return { ...d, journals: [{ id: 0, capacityMiB: 1024 }] };
    if (d.id === 'arr2') return { ...d, journals: [{ id: 0, capacityMiB: 1024 }, { id: 7, capacityMiB: 2048 }] };
    return d;
  });
  return Scenario.parse({ ...s, topology: { ...s.topology, devices: [...devices, wan('wan-a', 100), wan('wan-b', 200)] } });
}

const wanSweep = (values: number[], wanLinkId?: string): SweepOptions => ({
  spec: { field: 'wan.bandwidthMbps', values },
  json: false,
  ...(wanLinkId === undefined ? {} : { wanLinkId }),
});

function group(over: Partial<RemoteGroupReport>): RemoteGroupReport {
  return {
    mode: 'async',
    copyGroups: ['UR01'],
    pairs: ['UR01/dev1'],
    state: 'PAIR',
    fence: null,
    wanLinkId: 'wan-a',
    lastSeq: 1000,
    appliedSeq: 1000,
    lagWrites: 0,
    lagBytes: 0,
    lagS: 0,
    consistent: true,
    bitmapTracks: 0,
    suspendedAtS: null,
    suspendReason: null,
    fencedWrites: 0,
    worstLagS: 0,
    worstLagWrites: 0,
    worstLagBytes: 0,
    peakJournalPct: 0,
    suspensions: 0,
    appliedWrites: 1000,
    writeResponseMsMean: 0.5,
    journals: [],
    ...over,
  };
}

/** Only the fields a sweep reads; the rest of a Report is irrelevant here. */
function fakeReport(groups: Record<string, RemoteGroupReport>, seed = 1, simSeconds = 30): Report {
  return { scenario: 'fake', seed, simSeconds, remote: { wanLinks: {}, groups, verifications: [] } } as unknown as Report;
}

/**
 * A fake engine: RPO falls as bandwidth rises (1000 / the smallest WAN bandwidth); a journal under
 * 512 MiB suspends at 12.5 s. Records every scenario it ran.
 */
function fakeRunner(): RunScenario & { ran: Scenario[] } {
  const ran: Scenario[] = [];
  const run = (s: Scenario): Report => {
    ran.push(s);
    const wans = s.topology.devices.flatMap((d) => (d.kind === 'wanLink' ? [d.bandwidthMbps] : []));
    const journals = s.topology.devices.flatMap((d) => (d.kind === 'array' ? (d.journals ?? []).map((j) => j.capacityMiB) : []));
    const bw = Math.min(...wans);
    const small = Math.min(...journals) < 512;
    return fakeReport({
      'ctg-0': group({ worstLagS: 1000 / bw, worstLagWrites: Math.round(100_000 / bw), peakJournalPct: small ? 100 : 40, suspensions: small ? 1 : 0, suspendedAtS: small ? 12.5 : null, state: small ? 'PFUS' : 'PAIR' }),
    });
  };
  return Object.assign(run, { ran });
}

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

const cliOpts = (sweep: SweepOptions): CliOptions & { sweep: SweepOptions } => ({ scenarioPath: 'remote.json', pretty: false, sweep });

// ---------------------------------------------------------------- arguments

describe('cli › sweep › arguments', () => {
  it('parses a bandwidth sweep with --wan, --seed and --json', () => {
    expect(parseArgs(['s.json', '--sweep', 'wan.bandwidthMbps=50,100,200.5', '--wan', 'wan-a', '--seed', '3', '--json'])).toEqual({
      scenarioPath: 's.json',
      seed: 3,
      pretty: false,
      sweep: { spec: { field: 'wan.bandwidthMbps', values: [50, 100, 200.5] }, wanLinkId: 'wan-a', json: true },
    });
  });

  it('parses a journal sweep with --journal ARRAY:JID', () => {
    const opts = parseArgs(['s.json', '--journal', 'arr2:7', '--sweep', 'journal.capacityMiB=256,4096']);
    expect(opts).toMatchObject({ sweep: { spec: { field: 'journal.capacityMiB', values: [256, 4096] }, journal: { arrayId: 'arr2', journalId: 7 }, json: false } });
    expect(parseJournalRef('site:a:12')).toEqual({ arrayId: 'site:a', journalId: 12 });
  });

  it('rejects a bad --sweep spec, naming the flag and what is wrong', () => {
    expect(() => parseSweepSpec('wan.bandwidthMbps')).toThrow(/--sweep: "wan.bandwidthMbps" is not FIELD=V1,V2/);
    expect(() => parseSweepSpec('wan.latencyMs=5')).toThrow(/--sweep: unknown field "wan.latencyMs".*wan.bandwidthMbps or journal.capacityMiB/);
    expect(() => parseSweepSpec('wan.bandwidthMbps=50,fast')).toThrow(/--sweep: "fast" is not a number/);
    expect(() => parseSweepSpec('wan.bandwidthMbps=50,,100')).toThrow(/--sweep: "" is not a number/);
    expect(() => parseSweepSpec('journal.capacityMiB=')).toThrow(/--sweep: "" is not a number/);
    expect(() => parseSweepSpec('journal.capacityMiB=1e999')).toThrow(/"1e999" is not a number/);
    expect(() => parseSweepSpec(`journal.capacityMiB=${Array.from({ length: 65 }, (_, i) => i + 1).join(',')}`)).toThrow(/at most 64/);
    expect(() => parseArgs(['s.json', '--sweep'])).toThrow('--sweep needs a value');
  });

  it('rejects sweep flags that do not go together', () => {
    expect(() => parseArgs(['s.json', '--wan', 'wan-a'])).toThrow('--wan needs --sweep');
    expect(() => parseArgs(['s.json', '--json'])).toThrow('--json needs --sweep');
    expect(() => parseArgs(['s.json', '--journal', 'arr1:0'])).toThrow('--journal needs --sweep');
    expect(() => parseArgs(['s.json', '--sweep', 'journal.capacityMiB=1', '--wan', 'w'])).toThrow(/--wan goes with --sweep wan.bandwidthMbps/);
    expect(() => parseArgs(['s.json', '--sweep', 'wan.bandwidthMbps=1', '--journal', 'a:1'])).toThrow(/--journal goes with --sweep journal.capacityMiB/);
    expect(() => parseArgs(['s.json', '--sweep', 'wan.bandwidthMbps=1', '--snapshot', 'x.json'])).toThrow(UsageError);
    expect(() => parseArgs(['s.json', '--sweep', 'journal.capacityMiB=1', '--journal', 'arr1:256'])).toThrow(/--journal: "arr1:256"/);
    expect(() => parseArgs(['s.json', '--sweep', 'journal.capacityMiB=1', '--journal', 'arr1'])).toThrow(/--journal: "arr1"/);
  });
});

// ---------------------------------------------------------------- what a sweep changes

describe('cli › sweep › targets', () => {
  const s = remoteScenario();

  it('takes every WAN link by default, or the one --wan names', () => {
    const all = sweepTargets(s, wanSweep([1]));
    expect(all.map((t) => t.label)).toEqual(['wan-a', 'wan-b']);
    expect(all[1].path).toEqual(['topology', 'devices', s.topology.devices.findIndex((d) => d.id === 'wan-b'), 'bandwidthMbps']);
    expect(sweepTargets(s, wanSweep([1], 'wan-b')).map((t) => t.label)).toEqual(['wan-b']);
  });

  it('takes every journal by default, or the one --journal names', () => {
    const journal = (ref?: { arrayId: string; journalId: number }): SweepOptions => ({ spec: { field: 'journal.capacityMiB', values: [1] }, json: false, ...(ref ? { journal: ref } : {}) });
    expect(sweepTargets(s, journal()).map((t) => t.label)).toEqual(['arr1:0', 'arr2:0', 'arr2:7']);
    const one = sweepTargets(s, journal({ arrayId: 'arr2', journalId: 7 }));
    expect(one).toEqual([{ label: 'arr2:7', path: ['topology', 'devices', s.topology.devices.findIndex((d) => d.id === 'arr2'), 'journals', 1, 'capacityMiB'] }]);
    expect(() => sweepTargets(s, journal({ arrayId: 'arr1', journalId: 7 }))).toThrow(/--journal: no journal 7 on array "arr1".*arr1:0, arr2:0, arr2:7/);
  });

  it('names a --wan that is not a WAN link, and a scenario with nothing to sweep', () => {
    expect(() => sweepTargets(s, wanSweep([1], 'h1'))).toThrow(/--wan: no WAN link "h1" in the scenario \(WAN links: wan-a, wan-b\)/);
    const plain = smallSan().build();
    expect(() => sweepTargets(plain, wanSweep([1]))).toThrow(SweepError);
    expect(() => sweepTargets(plain, wanSweep([1]))).toThrow('the scenario has no WAN link');
    expect(() => sweepTargets(plain, { spec: { field: 'journal.capacityMiB', values: [1] }, json: false })).toThrow('the scenario has no journal');
  });
});

describe('cli › sweep › one scenario per value', () => {
  it('sets the field on every target of a copy and leaves the original alone', () => {
    const s = remoteScenario();
    const sweep = wanSweep([50, 400]);
    const runs = sweepScenarios(s, sweep, sweepTargets(s, sweep));
    const bandwidths = runs.map((r) => r.scenario.topology.devices.flatMap((d) => (d.kind === 'wanLink' ? [d.bandwidthMbps] : [])));
    expect(runs.map((r) => r.value)).toEqual([50, 400]);
    expect(bandwidths).toEqual([
      [50, 50],
      [400, 400],
    ]);
    expect(s.topology.devices.flatMap((d) => (d.kind === 'wanLink' ? [d.bandwidthMbps] : []))).toEqual([100, 200]);
  });

  it('rejects every bad value before anything runs, naming the value, the field and its line', () => {
    const s = remoteScenario();
    const text = JSON.stringify(s, null, 2);
    const sweep = wanSweep([0, 100, 500_000], 'wan-b');
    const d = s.topology.devices.findIndex((x) => x.id === 'wan-b');
    const line = text.split('\n').findIndex((l) => l.includes('"bandwidthMbps": 200')) + 1;
    let err: unknown;
    try {
      sweepScenarios(s, sweep, sweepTargets(s, sweep), text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SweepError);
    const messages = (err as SweepError).messages;
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(new RegExp(`^--sweep wan\\.bandwidthMbps=0: topology\\.devices\\[${d}\\]\\.bandwidthMbps \\(line ${line}\\): `));
    expect(messages[1]).toMatch(new RegExp(`^--sweep wan\\.bandwidthMbps=500000: topology\\.devices\\[${d}\\]\\.bandwidthMbps \\(line ${line}\\): `));
  });

  it('finds the line in a bare topology file too', () => {
    const s = remoteScenario();
    const text = JSON.stringify(s.topology, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"bandwidthMbps": 100')) + 1;
    const sweep = wanSweep([-1], 'wan-a');
    expect(() => sweepScenarios(s, sweep, sweepTargets(s, sweep), text)).toThrow(new RegExp(`bandwidthMbps \\(line ${line}\\): `));
  });
});

// ---------------------------------------------------------------- rows and the table

describe('cli › sweep › rows', () => {
  it('gives one row per remote group, sorted, with the suspension time only when it suspended', () => {
    const rows = rowsOf(
      100,
      fakeReport({
        'sync:TC01': group({ mode: 'sync', suspendedAtS: 3, suspensions: 0, worstLagS: 0.004 }),
        'ctg-0': group({ state: 'PFUS', suspendedAtS: 42.5, suspensions: 2, worstLagS: 17.25, worstLagWrites: 9001, peakJournalPct: 100, writeResponseMsMean: 0.812 }),
      }),
    );
    expect(rows).toEqual([
      { value: 100, group: 'ctg-0', state: 'PFUS', worstLagS: 17.25, worstLagWrites: 9001, peakJournalPct: 100, suspensions: 2, suspendedAtS: 42.5, writeResponseMsMean: 0.812 },
      { value: 100, group: 'sync:TC01', state: 'PAIR', worstLagS: 0.004, worstLagWrites: 0, peakJournalPct: 0, suspensions: 0, suspendedAtS: null, writeResponseMsMean: 0.5 },
    ]);
  });

  it('gives one empty row for a run without remote groups', () => {
    expect(rowsOf(7, fakeReport({}))).toEqual([
      { value: 7, group: null, state: null, worstLagS: null, worstLagWrites: null, peakJournalPct: null, suspensions: null, suspendedAtS: null, writeResponseMsMean: null },
    ]);
  });

  it('finds the lowest value at which no group suspends', () => {
    const row = (value: number, suspensions: number | null, g: string | null = 'ctg-0'): SweepRow => ({ ...rowsOf(value, fakeReport({}))[0], group: g, suspensions });
    expect(lowestWithoutSuspension([row(400, 0), row(50, 1), row(200, 0), row(100, 0), row(100, 1, 'ctg-1')])).toBe(200);
    expect(lowestWithoutSuspension([row(50, 1), row(100, 3)])).toBeNull();
    expect(lowestWithoutSuspension([row(50, null, null)])).toBeNull();
  });
});

describe('cli › sweep › table', () => {
  const rows: SweepRow[] = [
    ...rowsOf(50, fakeReport({ 'ctg-0': group({ state: 'PFUS', worstLagS: 123.456, worstLagWrites: 52000, peakJournalPct: 100, suspensions: 1, suspendedAtS: 61.25, writeResponseMsMean: 0.9 }) })),
    ...rowsOf(400, fakeReport({ 'ctg-0': group({ worstLagS: 1.5, worstLagWrites: 640, peakJournalPct: 12.34, writeResponseMsMean: 0.512 }) })),
    ...rowsOf(1000, fakeReport({})),
  ];

  it('aligns columns two spaces apart, numbers right, text left, with a rule under the header', () => {
    expect(formatTable('wan.bandwidthMbps', rows)).toBe(
      [
        'wan.bandwidthMbps  group              worst RPO (s)  worst lag (writes)  peak journal %  suspended? (at s)  state  OLTP write response ms',
        '-----------------  -----------------  -------------  ------------------  --------------  -----------------  -----  ----------------------',
        '               50  ctg-0                    123.456               52000           100.0  yes (61.250)       PFUS                    0.900',
        '              400  ctg-0                      1.500                 640            12.3  no                 PAIR                    0.512',
        '             1000  (no remote group)              —                   —               —  —                  —                           —',
      ].join('\n'),
    );
  });

  it('counts repeated suspensions and says which value is the answer', () => {
    const twice = rowsOf(50, fakeReport({ 'ctg-0': group({ suspensions: 2, suspendedAtS: 90 }) }));
    expect(formatTable('journal.capacityMiB', twice)).toContain('yes ×2 (90.000)');
    const text = formatSweep({ scenario: 'remote', seed: 9, simSeconds: 600, field: 'wan.bandwidthMbps', targets: ['wan-a'], rows, lowestWithoutSuspension: 400 });
    expect(text.split('\n')[0]).toBe('Sweep of wan.bandwidthMbps on wan-a: scenario "remote", seed 9, 600 s simulated per run.');
    expect(text.endsWith('\n\nLowest wan.bandwidthMbps with no suspension: 400.\n')).toBe(true);
    expect(formatSweep({ scenario: 'r', seed: 1, simSeconds: 1, field: 'wan.bandwidthMbps', targets: ['w'], rows: rows.slice(0, 1), lowestWithoutSuspension: null })).toContain(
      'Every value suspended a remote group.',
    );
  });
});

// ---------------------------------------------------------------- running

describe('cli › sweep › running', () => {
  it('runs each value in order on its own copy and reports progress before and after each run', () => {
    const s = remoteScenario();
    const sweep: SweepOptions = { spec: { field: 'journal.capacityMiB', values: [256, 4096] }, json: false, journal: { arrayId: 'arr1', journalId: 0 } };
    const targets = sweepTargets(s, sweep);
    const run = fakeRunner();
    const progress: string[] = [];
    const result = runSweep(s, sweep, targets, sweepScenarios(s, sweep, targets), run, (l) => progress.push(l));
    expect(run.ran.map((x) => x.topology.devices.find((d) => d.id === 'arr1')).map((d) => d?.kind === 'array' && d.journals?.[0].capacityMiB)).toEqual([256, 4096]);
    expect(result.rows.map((r) => [r.value, r.suspensions, r.suspendedAtS])).toEqual([
      [256, 1, 12.5],
      [4096, 0, null],
    ]);
    expect(result).toMatchObject({ field: 'journal.capacityMiB', targets: ['arr1:0'], seed: 1, simSeconds: 30, lowestWithoutSuspension: 4096 });
    expect(progress).toEqual([
      'sweep [1/2] journal.capacityMiB=256: running…',
      'sweep [1/2] journal.capacityMiB=256: ctg-0 worst RPO 10.000 s, suspended at 12.500 s',
      'sweep [2/2] journal.capacityMiB=4096: running…',
      'sweep [2/2] journal.capacityMiB=4096: ctg-0 worst RPO 10.000 s',
    ]);
  });
});

describe('cli › sweep › command', () => {
  const text = JSON.stringify(remoteScenario(), null, 2);

  it('prints the table on stdout, progress on stderr, the same bytes every time', () => {
    const [a, b] = [capture(), capture()];
    expect(sweepMain(text, cliOpts(wanSweep([50, 100, 400])), a, fakeRunner())).toBe('ok');
    expect(sweepMain(text, cliOpts(wanSweep([50, 100, 400])), b, fakeRunner())).toBe('ok');
    expect(a.out).toBe(b.out);
    expect(a.out).toContain('Sweep of wan.bandwidthMbps on wan-a, wan-b');
    expect(a.out.split('\n').filter((l) => /^\s+\d+\s+ctg-0/.test(l))).toHaveLength(3);
    expect(a.out).toContain('Lowest wan.bandwidthMbps with no suspension: 50.');
    expect(a.err.split('\n').filter((l) => l.startsWith('sweep ['))).toHaveLength(6);
  });

  it('prints JSON rows with --json', () => {
    const io = capture();
    expect(sweepMain(text, cliOpts({ ...wanSweep([50, 400], 'wan-a'), json: true }), io, fakeRunner())).toBe('ok');
    const json = JSON.parse(io.out);
    expect(json.targets).toEqual(['wan-a']);
    // Only wan-a changes; the fake takes the slower link, so wan-b (200) caps the 400 run.
    expect(json.rows.map((r: SweepRow) => [r.value, r.worstLagS])).toEqual([
      [50, 20],
      [400, 5],
    ]);
  });

  it('is invalid, runs nothing and names the field when a value breaks the schema', () => {
    const io = capture();
    const run = fakeRunner();
    expect(sweepMain(text, cliOpts(wanSweep([100, -5])), io, run)).toBe('invalid');
    expect(run.ran).toHaveLength(0);
    expect(io.out).toBe('');
    expect(io.err).toMatch(/^sandbox-sim: remote\.json: --sweep wan\.bandwidthMbps=-5: topology\.devices\[\d+\]\.bandwidthMbps \(line \d+\): /);
    expect(io.err.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('is invalid on a compile error, naming the device and field', () => {
    const io = capture();
    const failing: RunScenario = () => {
      throw new CompileError('wan-a', 'ports', 'a WAN link joins two sites');
    };
    expect(sweepMain(text, cliOpts(wanSweep([100])), io, failing)).toBe('invalid');
    expect(io.err).toMatch(/topology\.devices\[\d+\]\.ports \(line \d+\): wan-a: a WAN link joins two sites/);
  });

  it('is invalid on a document the schema rejects', () => {
    const io = capture();
    expect(sweepMain('{"kind": "sandbox-scenario"}', cliOpts(wanSweep([100])), io, fakeRunner())).toBe('invalid');
    expect(io.err).toContain('sandbox-sim: remote.json: ');
  });
});
