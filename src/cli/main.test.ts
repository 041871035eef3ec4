import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from './main.ts';
import { parseArgs, UsageError } from './args.ts';
import { smallSan, lunTarget } from '../engine/testing/small-sans.ts';

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
