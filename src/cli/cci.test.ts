import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lunTarget, smallSan } from '../engine/testing/small-sans.ts';
import { UsageError } from './args.ts';
import { main, parseCciArgs, type CciCliIo } from './cci.ts';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-cci-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(stdin = ''): CciCliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), stdin: () => stdin };
  return io;
}

function scenarioFile(): string {
  const b = smallSan();
  b.ldev('arr1', 'p', 'pg-hdd', 1).ldev('arr1', 's', 'pg-ssd', 1);
  b.luPath('arr1', 'fc0', 'hg1', 2, 'p').luPath('arr1', 'fc0', 'hg1', 3, 's');
  b.copyGroup({ id: 'VG01', kind: 'local', devices: [{ name: 'dev1', pvol: 'p', svol: 's' }] });
  b.workload('h1', { id: 'w', target: lunTarget(2), rw: 'randwrite', bs: '64k', rate_iops: 200, startAtS: 0 });
  const path = join(dir, 'drill.json');
  writeFileSync(path, JSON.stringify(b.build({ durationS: 120 }), null, 2));
  return path;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const DRILL = `# online backup drill
sleep 3
paircreate -g VG01 -c 15
pairevtwait -g VG01 -s pair -t 60

pairsplit -g VG01 -fq quick
pairdisplay -g VG01
`;

describe('cli › cci', () => {
  it('runs a script, printing the simulated time and each command before its output', async () => {
    const io = capture();
    expect(await main([scenarioFile(), file('drill.txt', DRILL)], io)).toBe(0);
    expect(io.err).toBe('');
    const lines = io.out.split('\n');
    expect(lines.slice(0, 4)).toEqual(['[t=0.000s] $ # online backup drill', '[t=0.000s] $ sleep 3', '[t=3.000s] $ paircreate -g VG01 -c 15', '[t=3.000s] $ pairevtwait -g VG01 -s pair -t 60']);
    expect(lines[4]).toMatch(/^\[t=\d+\.\d{3}s\] \$ pairsplit -g VG01 -fq quick$/);
    expect(io.out).toMatch(/\$ pairdisplay -g VG01\nGroup {3}PairVol\(L\/R\).*\nVG01 .*P-VOL PSUS\(SP\), 64001 s {7}-\nVG01 .*S-VOL SSUS, {5}----- p {7}W\n$/);
  });

  it('reads the script from stdin, exits with the first failing code, still runs every line, and prints the report', async () => {
    const io = capture('pairsplit -g VG01\nfrobnicate\npaircreate -g VG01\n');
    expect(await main([scenarioFile(), '--report', '--seed', '7'], io)).toBe(228);
    expect(io.err).toMatch(/^pairsplit: \[EX_INVSTP\] Invalid pair status\n {2}.*\nfrobnicate: \[EX_UNWCMD\] Unknown command\n/);
    expect(io.out).toContain('$ paircreate -g VG01\n');
    const report = JSON.parse(io.out.slice(io.out.indexOf('{')));
    expect(report.seed).toBe(7);
    expect(report.pairs['VG01/dev1'].state).not.toBe('SMPL');
  });

  it('exits 2 for bad usage, unreadable files and invalid scenarios', async () => {
    const usage = capture();
    expect(await main([], usage)).toBe(2);
    expect(usage.err).toContain('missing <scenario.json>');
    const missing = capture();
    expect(await main([join(dir, 'nope.json')], missing)).toBe(2);
    expect(missing.err).toContain('cannot read');
    const bad = capture();
    expect(await main([file('bad.json', '{"version": 1, "kind": "sandbox-scenario"')], bad)).toBe(2);
    expect(bad.err).toMatch(/^sandbox-cci: .*bad\.json: line \d+/);
    const noScript = capture();
    expect(await main([scenarioFile(), join(dir, 'none.txt')], noScript)).toBe(2);
  });

  it('parses its options', () => {
    expect(parseCciArgs(['s.json'])).toEqual({ scenarioPath: 's.json', report: false, pretty: false });
    expect(parseCciArgs(['s.json', 'x.txt', '--seed', '3', '--report', '--pretty'])).toEqual({ scenarioPath: 's.json', scriptPath: 'x.txt', seed: 3, report: true, pretty: true });
    expect(parseCciArgs(['--help'])).toBe('help');
    expect(() => parseCciArgs(['s.json', '--seed', 'x'])).toThrow(UsageError);
    expect(() => parseCciArgs(['s.json', '--until', '3'])).toThrow('unknown option --until');
    expect(() => parseCciArgs(['a', 'b', 'c'])).toThrow(UsageError);
  });
});
