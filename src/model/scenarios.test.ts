import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDesign } from './design-rules.ts';
import { parseDocumentText } from './parse.ts';
import { Scenario } from './scenario.ts';

const DIR = new URL('../../scenarios/', import.meta.url);
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('built-in scenarios', () => {
  it('exist (the demo at least)', () => {
    expect(FILES).toContain('embodiment-1-online-backup.json');
  });

  describe.each(FILES)('%s', (file) => {
    const text = readFileSync(new URL(file, DIR), 'utf8');

    it('passes Scenario.parse and loads through parseDocumentText', () => {
      expect(() => Scenario.parse(JSON.parse(text))).not.toThrow();
      const r = parseDocumentText(text);
      expect(r.ok ? r.source : r.errors).toBe('scenario');
    });

    it('has no design-rule errors', () => {
      const errors = checkDesign(Scenario.parse(JSON.parse(text)).topology).filter((i) => i.severity === 'error');
      expect(errors).toEqual([]);
    });

    it('refers only to workloads that exist, and fires its timeline within the run', () => {
      const s = Scenario.parse(JSON.parse(text));
      const workloads = new Set(s.topology.devices.flatMap((d) => (d.kind === 'server' ? d.workloads.map((w) => `${d.id}/${w.id}`) : [])));
      const groups = new Set(s.topology.copyGroups.map((g) => g.id));
      for (const entry of s.timeline) {
        const a = entry.action;
        if ('serverId' in a) expect(workloads, `timeline action ${JSON.stringify(a)}`).toContain(`${a.serverId}/${a.workloadId}`);
        if ('group' in a) expect(groups, `timeline action ${JSON.stringify(a)}`).toContain(a.group);
        expect(entry.atS).toBeLessThanOrEqual(s.durationS);
      }
    });
  });
});

describe('built-in scenarios › embodiment 1', () => {
  const s = Scenario.parse(JSON.parse(readFileSync(new URL('embodiment-1-online-backup.json', DIR), 'utf8')));

  it('keeps the demo as specified: seed 42, 120 s, backup read from 30 s to 75 s', () => {
    expect([s.seed, s.durationS]).toEqual([42, 120]);
    expect(s.timeline.map((e) => [e.atS, e.action.type, 'workloadId' in e.action ? e.action.workloadId : null])).toEqual([
      [30, 'startWorkload', 'backup-read'],
      [75, 'stopWorkload', 'backup-read'],
    ]);
    const array = s.topology.devices.find((d) => d.kind === 'array');
    expect(array?.kind === 'array' && array.ldevs.map((l) => [l.id, l.parityGroupId, l.capacityGiB])).toEqual([
      ['db-primary', '1-1', 200],
      ['db-secondary', '1-2', 200],
    ]);
  });
});
