import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from './main.ts';
import { parseArgs, UsageError } from './args.ts';
import { smallSan, lunTarget } from '../engine/testing/small-sans.ts';
import { remoteScenario } from '../engine/testing/remote-fixtures.ts';
import type { SweepResult } from './sweep.ts';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

function scenarioFile(name: string, expectOps: '>' | '<'): string {
  const b = smallSan();
  b.workload('h1', { id: 'w', rw: 'randread', iodepth: 2, startAtS: 0, target: lunTarget(0) });
  b.expect('ldevs.ssd0.readIops', expectOps, 100, 'reads happen');
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(b.build({ durationS: 2 }), null, 2));
  return path;
}

describe('cli › exit codes', () => {
  it('exits 0 and prints the report when every expectation holds', () => {
    const io = capture();
    const out = join(dir, 'report.json');
    expect(main([scenarioFile('ok.json', '>'), '--out', out], io)).toBe(0);
    const report = JSON.parse(io.out);
    expect(report.expectations[0].ok).toBe(true);
    expect(report.simSeconds).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe(io.out);
  });

  it('writes the engine snapshot at the end of the run with --snapshot, leaving stdout the report', () => {
    const file = scenarioFile('snap.json', '>');
    const plain = capture();
    main([file, '--until', '1'], plain);
    const io = capture();
    const snap = join(dir, 'snapshot.json');
    expect(main([file, '--until', '1', '--snapshot', snap], io)).toBe(0);
    expect(io.out).toBe(plain.out);
    const snapshot = JSON.parse(readFileSync(snap, 'utf8'));
    expect(snapshot).toMatchObject({ nowUs: 1e6, eventLogHash: JSON.parse(io.out).eventLogHash });
    expect(snapshot.workloads[0]).toMatchObject({ serverId: 'h1', workloadId: 'w', ldevId: 'ssd0', active: true });
    expect(snapshot.workloads[0].completedIos).toBe(JSON.parse(io.out).ldevs.ssd0.completedIos);
  });

  it('exits 1 and names the failed expectation on stderr', () => {
    const io = capture();
    expect(main([scenarioFile('fail.json', '<')], io)).toBe(1);
    expect(io.err).toContain('expectation failed: reads happen');
  });

  it('honours --until and --seed, and prints byte-identical reports for the same inputs', () => {
    const file = scenarioFile('seed.json', '>');
    const [a, b, c] = [capture(), capture(), capture()];
    main([file, '--until', '1', '--seed', '5'], a);
    main([file, '--until', '1', '--seed', '5'], b);
    main([file, '--until', '1', '--seed', '6'], c);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).seed).toBe(5);
    expect(JSON.parse(a.out).simSeconds).toBe(1);
    expect(JSON.parse(c.out).eventLogHash).not.toBe(JSON.parse(a.out).eventLogHash);
  });

  it('exits 2 naming the field and line of a schema error', () => {
    const path = scenarioFile('bad.json', '>');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"capacityGiB": 64', '"capacityGiB": -5'));
    const io = capture();
    expect(main([path], io)).toBe(2);
    expect(io.err).toMatch(/topology\.devices\[\d+\]\.ldevs\[0\]\.capacityGiB \(line \d+\)/);
    expect(io.out).toBe('');
  });

  it('exits 2 naming the device, field and line of a compile error', () => {
    const path = scenarioFile('dangling.json', '>');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"parityGroupId": "pg-hdd"', '"parityGroupId": "pg-nope"'));
    const io = capture();
    expect(main([path], io)).toBe(2);
    expect(io.err).toMatch(/topology\.devices\[2\]\.ldevs\[1\]\.parityGroupId \(line \d+\): arr1: .*pg-nope/);
  });

  it('exits 2 on JSON syntax errors, missing files and bad usage', () => {
    const path = join(dir, 'syntax.json');
    writeFileSync(path, '{\n  "version": 1,\n  oops\n}');
    const io = capture();
    expect(main([path], io)).toBe(2);
    expect(io.err).toContain('line 3');
    expect(main([join(dir, 'missing.json')], capture())).toBe(2);
    const usage = capture();
    expect(main(['--seed'], usage)).toBe(2);
    expect(usage.err).toContain('--seed needs a value');
  });

  it('prints help with exit 0', () => {
    const io = capture();
    expect(main(['--help'], io)).toBe(0);
    expect(io.out).toContain('Usage: npm run sim');
  });
});

describe('cli › arguments', () => {
  it('parses every option', () => {
    expect(parseArgs(['s.json', '--seed', '9', '--until', '2.5', '--out', 'r.json', '--snapshot', 'snap.json', '--pretty'])).toEqual({
      scenarioPath: 's.json',
      seed: 9,
      untilS: 2.5,
      outPath: 'r.json',
      snapshotPath: 'snap.json',
      pretty: true,
    });
  });

  it('--alerts prints the alert list to stderr, one line per alert, after the report', () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(['scenarios/fig13-fabric-failover.json', '--alerts', '--until', '16'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    expect(code).not.toBe(2);
    const lines = err.join('').split('\n');
    expect(lines[0]).toMatch(/^alerts: \d+ \(\d+ critical, \d+ warning, \d+ info\)$/);
    expect(lines).toContain('    10.000 s  critical fault          l3           link l3 failed  [paged: storage on-call, storage administrator]');
    expect(lines.some((l) => /15\.000 s {2}warning {2}path-failover {2}db {11}db\/oltp: path hba0→CL1-A failed; I\/O moves to hba1→CL2-A/.test(l))).toBe(true);
    expect(() => parseArgs(['s.json', '--alerts', '--sweep', 'wan.bandwidthMbps=1,2'])).toThrow(/--alerts does not go with --sweep/);
  });

  it('rejects malformed values, naming the flag', () => {
    expect(() => parseArgs(['s.json', '--seed', '-1'])).toThrow(UsageError);
    expect(() => parseArgs(['s.json', '--until', 'soon'])).toThrow(/--until/);
    expect(() => parseArgs(['s.json', '--frobnicate'])).toThrow(/unknown option --frobnicate/);
    expect(() => parseArgs([])).toThrow(/missing <scenario.json>/);
  });
});

describe('cli › process', () => {
  it('runs as a process via tsx and exits with the expectation status', () => {
    const ok = spawnSync('npx', ['tsx', 'src/cli/main.ts', scenarioFile('proc.json', '>'), '--pretty'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).expectations[0].ok).toBe(true);
    const bad = spawnSync('npx', ['tsx', 'src/cli/main.ts', join(dir, 'nope.json')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('cannot read');
  });
});

// ---------------------------------------------------------------- the sweep (sweep.ts)

/** smallSan plus one WAN link (no remote copy): enough for the sweep's input checks. */
function wanScenarioFile(name: string): string {
  const s = smallSan().build({ durationS: 2 });
  const wan = {
    id: 'wan1',
    name: 'wan1',
    kind: 'wanLink',
    siteId: 'main',
    position: { x: 0, y: 400 },
    ports: [{ id: 'w0', kind: 'wan', speedGbps: 10 }],
    bandwidthMbps: 100,
    distanceKm: 100,
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ ...s, topology: { ...s.topology, devices: [...s.topology.devices, wan] } }, null, 2));
  return path;
}

describe('cli › sweep › input', () => {
  it('exits 2 with the usage on a bad --sweep spec, naming it', () => {
    const io = capture();
    expect(main([wanScenarioFile('sweep-spec.json'), '--sweep', 'wan.bandwidthMbps=50,lots'], io)).toBe(2);
    expect(io.err).toContain('sandbox-sim: --sweep: "lots" is not a number in "wan.bandwidthMbps=50,lots"');
    expect(io.err).toContain('Usage: npm run sim');
    expect(io.out).toBe('');
  });

  it('exits 2 naming the field and line when a swept value breaks the schema, before running anything', () => {
    const path = wanScenarioFile('sweep-value.json');
    const line = readFileSync(path, 'utf8').split('\n').findIndex((l) => l.includes('"bandwidthMbps": 100')) + 1;
    const io = capture();
    expect(main([path, '--sweep', 'wan.bandwidthMbps=100,0'], io)).toBe(2);
    expect(io.err).toMatch(new RegExp(`--sweep wan\\.bandwidthMbps=0: topology\\.devices\\[\\d+\\]\\.bandwidthMbps \\(line ${line}\\): `));
    expect(io.err).not.toContain('sweep [1/');
    expect(io.out).toBe('');
  });

  it('exits 2 when the scenario has nothing to sweep or --wan names no WAN link', () => {
    const none = capture();
    expect(main([scenarioFile('sweep-none.json', '>'), '--sweep', 'journal.capacityMiB=256'], none)).toBe(2);
    expect(none.err).toContain('--sweep journal.capacityMiB: the scenario has no journal');
    const wrong = capture();
    expect(main([wanScenarioFile('sweep-wan.json'), '--sweep', 'wan.bandwidthMbps=50', '--wan', 'sw1'], wrong)).toBe(2);
    expect(wrong.err).toContain('--wan: no WAN link "sw1" in the scenario (WAN links: wan1)');
  });
});

/**
 * The two-site fixture the built-in remote scenarios use: one async P-VOL written at 1,000 IOPS
 * of 4 KiB (about 33 Mbit/s of journal data) over a WAN whose bandwidth the sweep changes.
 */
function remoteFile(name: string, opts: { bandwidthMbps: number; journalMiB: number }): string {
  const s = remoteScenario({
    name: 'remote async sweep',
    ...opts,
    overflowWatchS: 5,
    workload: { rate_iops: 1000, startAtS: 0 },
    durationS: 30,
    timeline: [{ atS: 0, action: { type: 'pairCreate', group: 'RC', pace: 15, split: false } }],
  });
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(s, null, 2));
  return path;
}

function sweepJson(argv: string[]): SweepResult {
  const io = capture();
  expect(main([...argv, '--json'], io)).toBe(0);
  return JSON.parse(io.out) as SweepResult;
}

describe('cli › sweep › the engine', () => {
  it('never gives a worse RPO for a larger WAN bandwidth, and an undersized link suspends the journal', () => {
    const path = remoteFile('sweep-wan.json', { bandwidthMbps: 100, journalMiB: 64 });
    const result = sweepJson([path, '--sweep', 'wan.bandwidthMbps=400,10,30,20,40,100']);
    const rows = [...result.rows].sort((a, b) => a.value - b.value);
    expect(rows.map((r) => r.group)).toEqual(Array(6).fill('ctg-0'));
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].worstLagS!, `RPO at ${rows[i].value} vs ${rows[i - 1].value} Mbps`).toBeLessThanOrEqual(rows[i - 1].worstLagS!);
      expect(rows[i].worstLagWrites!).toBeLessThanOrEqual(rows[i - 1].worstLagWrites!);
    }
    expect(rows[0]).toMatchObject({ value: 10, suspensions: 1, state: 'PFUS', peakJournalPct: 100 });
    expect(rows[0].suspendedAtS).toBeGreaterThan(5);
    expect(rows[5]).toMatchObject({ value: 400, suspensions: 0, suspendedAtS: null, state: 'PAIR' });
    expect(rows[5].worstLagS).toBeLessThan(0.1);
    expect(result.lowestWithoutSuspension).not.toBeNull();
    expect(rows.filter((r) => r.value < result.lowestWithoutSuspension!).every((r) => r.suspensions! > 0)).toBe(true);
  });

  it('suspends with an undersized journal and not with a large one, at the same bandwidth', () => {
    const path = remoteFile('sweep-journal.json', { bandwidthMbps: 28, journalMiB: 1024 });
    const result = sweepJson([path, '--sweep', 'journal.capacityMiB=4,256', '--journal', 'arrM:0']);
    expect(result.targets).toEqual(['arrM:0']);
    expect(result.rows.map((r) => [r.value, r.suspensions, r.state])).toEqual([
      [4, 1, 'PFUS'],
      [256, 0, 'PAIR'],
    ]);
    expect(result.rows[0].worstLagS!).toBeGreaterThan(result.rows[1].worstLagS!);
    expect(result.lowestWithoutSuspension).toBe(256);
  });

  it('prints the same table bytes for the same input, and honours --seed', () => {
    const path = remoteFile('sweep-same.json', { bandwidthMbps: 100, journalMiB: 64 });
    const [a, b] = [capture(), capture()];
    expect(main([path, '--sweep', 'wan.bandwidthMbps=10,100', '--seed', '4'], a)).toBe(0);
    expect(main([path, '--sweep', 'wan.bandwidthMbps=10,100', '--seed', '4'], b)).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).toContain('scenario "remote async sweep", seed 4, 30 s simulated per run.');
    expect(a.out).toMatch(/^\s+10  ctg-0 .*yes \(\d+\.\d{3}\)\s+PFUS/m);
    expect(a.err).toContain('sweep [2/2] wan.bandwidthMbps=100: running…');
  });
});

describe('cli › --all', () => {
  const folder = (name: string, files: Record<string, string>): string => {
    const d = join(dir, name);
    mkdirSync(d, { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
    return d;
  };
  const scenarioText = (expectOps: '>' | '<'): string => readFileSync(scenarioFile(`tmp-${expectOps === '>' ? 'ok' : 'bad'}.json`, expectOps), 'utf8');

  it('runs every scenario of the folder, one row each, exit 0 when all hold', () => {
    const d = folder('all-ok', { 'a.json': scenarioText('>'), 'b.json': scenarioText('>'), 'notes.txt': 'ignored' });
    const io = capture();
    expect(main(['--all', '--dir', d], io)).toBe(0);
    const lines = io.out.trim().split('\n');
    expect(lines[0]).toMatch(/^scenario\s+verdict\s+expectations\s+seed\s+sim s\s+events\s+event-log hash\s+wall ms$/);
    expect(lines[1]).toMatch(/^a\.json\s+PASS\s+1\/1\s+1\s+2\s+\d+\s+[0-9a-f]{16}\s+\d+$/);
    expect(lines[2]).toMatch(/^b\.json\s+PASS/);
    expect(lines.at(-1)).toBe('2 scenarios: 2 passed, 0 failed');
  });

  it('exits 1 when an expectation fails and names it; 2 when a file is invalid (the others still run)', () => {
    const io = capture();
    expect(main(['--all', '--dir', folder('all-bad', { 'a.json': scenarioText('>'), 'b.json': scenarioText('<') })], io)).toBe(1);
    expect(io.out).toMatch(/b\.json\s+FAIL\s+0\/1/);
    expect(io.out).toContain('b.json: reads happen: ldevs.ssd0.readIops < 100 (actual ');
    const io2 = capture();
    expect(main(['--all', '--dir', folder('all-invalid', { 'a.json': scenarioText('>'), 'z.json': '{ "version": 1, "kind": "sandbox-scenario" }' }), '--json'], io2)).toBe(2);
    const rows = JSON.parse(io2.out);
    expect(rows.map((r: { file: string; verdict: string }) => [r.file, r.verdict])).toEqual([['a.json', 'ok'], ['z.json', 'invalid']]);
    expect(rows[1].problems.length).toBeGreaterThan(0);
  });

  it('runs the built-in scenarios with another seed, and refuses options that do not go with it', () => {
    const io = capture();
    expect(main(['--all', '--dir', folder('all-seed', { 'a.json': scenarioText('>') }), '--seed', '7', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out)[0].seed).toBe(7);
    expect(() => parseArgs(['--all', 'x.json'])).toThrow(/--all runs a folder/);
    expect(() => parseArgs(['--all', '--until', '3'])).toThrow(/--until does not go with --all/);
    expect(() => parseArgs(['s.json', '--dir', 'x'])).toThrow(/--dir goes with --all/);
  });
});
