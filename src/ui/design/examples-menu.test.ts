/**
 * The Examples menu (the template gallery): every built-in scenario is listed under a named
 * section with a one-sentence summary, the demo first, figures in numeric order.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareFiles, exampleGroup, examples } from './ExamplesMenu.tsx';

const FILES = readdirSync(new URL('../../../scenarios/', import.meta.url)).filter((f) => f.endsWith('.json'));

describe('Examples menu', () => {
  it('lists every built-in file once, each valid, with a summary, under a named section', () => {
    const list = examples();
    expect(list.map((x) => x.file).sort()).toEqual([...FILES].sort());
    for (const x of list) {
      expect(x.result.ok, x.file).toBe(true);
      expect(x.summary.length, x.file).toBeGreaterThan(10);
      expect(x.group, x.file).not.toBe('More');
    }
  });

  it('puts the demo first and keeps each section together, in file order with numbers as numbers', () => {
    const list = examples();
    expect(list[0].file).toBe('embodiment-1-online-backup.json');
    const groups = list.map((x) => x.group);
    const firstSeen = [...new Set(groups)];
    expect(groups).toEqual(firstSeen.flatMap((g) => groups.filter((x) => x === g)));
    const figs = list.filter((x) => x.group === 'SAN patent figures').map((x) => x.file);
    expect(figs.indexOf('fig4-nondisruptive-backup.json')).toBeLessThan(figs.indexOf('fig10-async-remote-order.json'));
    expect([...figs].sort(compareFiles)).toEqual(figs);
  });

  it('sorts file names with numbers as numbers and sections by name', () => {
    expect(['fig10.json', 'fig5b.json', 'fig5a.json', 'fig4.json'].sort(compareFiles)).toEqual(['fig4.json', 'fig5a.json', 'fig5b.json', 'fig10.json']);
    expect(exampleGroup('remote-takeover-drill.json')).toBe('Remote copy');
    expect(exampleGroup('activity-x.json')).toBe('Training activities');
    expect(exampleGroup('embodiment-3-access-control.json')).toMatch(/JP2002-041345/);
    expect(exampleGroup('whatever.json')).toBe('More');
  });
});
