/** Where pairs go on the canvas: pair refs, an array's LDEV tree, cross-array pairs. */
import { describe, expect, it } from 'vitest';
import type { CopyGroup, Topology } from '../../model/topology.ts';
import { MAX_LDEV_ROWS, arrayLayout, crossArrayPairs, ldevHandleId, pairRef, pairRefs, type ArrayRow } from './pair-layout.ts';

const ldev = (id: string) => ({ id, name: `Volume ${id}`, parityGroupId: 'pg', capacityGiB: 100, readOnly: false });

function topology(groups: CopyGroup[], extraLdevs = 0): Topology {
  const many = Array.from({ length: extraLdevs }, (_, i) => ldev(`x${i}`));
  return {
    copyGroups: groups,
    devices: [
      { kind: 'array', id: 'A', name: 'Array A', ldevs: [ldev('p'), ldev('s1'), ldev('s2'), ldev('free'), ...many], pools: [] },
      { kind: 'array', id: 'B', name: 'Array B', ldevs: [ldev('r')], pools: [] },
      { kind: 'array', id: 'C', name: 'Array C', ldevs: [ldev('c')], pools: [{ id: 'pool-1' }] },
      { kind: 'array', id: 'D', name: 'Array D', ldevs: [ldev('d')], pools: [] },
    ],
  } as unknown as Topology;
}

const group = (id: string, kind: CopyGroup['kind'], devices: [string, string, string | undefined, number?][]): CopyGroup => ({
  id,
  kind,
  recordPositions: true,
  devices: devices.map(([name, pvol, svol, mu]) => ({ name, pvol, ...(svol ? { svol } : {}), mu: mu ?? 0 })),
});

function shape(rows: ArrayRow[]): string[] {
  return rows.map((r) => {
    const pad = '  '.repeat(r.depth);
    if (r.type === 'ldev') return `${pad}${r.ldev.id}${r.roles.length ? ` [${r.roles.join('')}]` : ''}`;
    if (r.type === 'pair') return `${pad}= ${r.ref.key}${r.adjacent ? '' : ' (far)'}`;
    return `${pad}◷ ${r.ref.key} MU${r.ref.mu}`;
  });
}

describe('pair layout › refs', () => {
  it('lists every device of every group with its volumes’ arrays, keyed group/device', () => {
    const t = topology([group('G', 'local', [['d1', 'p', 's1']]), group('H', 'host-mirror', [['m1', 'p', 'r']])]);
    expect(pairRefs(t).map((r) => [r.key, r.pArrayId, r.sArrayId])).toEqual([
      ['G/d1', 'A', 'A'],
      ['H/m1', 'A', 'B'],
    ]);
    expect(pairRef(t, 'H/m1')?.kind).toBe('host-mirror');
    expect(pairRefs(t)).toBe(pairRefs(t)); // memoised per topology object
  });
});

describe('pair layout › array rows', () => {
  it('puts a local pair between its P-VOL and S-VOL rows, the S-VOL indented', () => {
    const t = topology([group('G', 'local', [['d1', 'p', 's1']])]);
    expect(shape(arrayLayout(t, 'A')!.rows)).toEqual(['p [P]', '  = G/d1', '  s1 [S]', 's2', 'free']);
  });

  it('draws a cascade top-down and a second S-VOL of one P-VOL under it too', () => {
    const t = topology([group('G', 'local', [['d1', 'p', 's1'], ['d2', 'p', 's2']]), group('K', 'local', [['c1', 's1', 'free']])]);
    expect(shape(arrayLayout(t, 'A')!.rows)).toEqual(['p [P]', '  = G/d1', '  s1 [PS]', '    = K/c1', '    free [S]', '  = G/d2', '  s2 [S]']);
  });

  it('shows snapshot generations under their P-VOL', () => {
    const t = topology([group('S', 'snapshot', [['g1', 'p', undefined, 1], ['g2', 'p', undefined, 2]])]);
    expect(shape(arrayLayout(t, 'A')!.rows)).toEqual(['p [P]', '  ◷ S/g1 MU1', '  ◷ S/g2 MU2', 's1', 's2', 'free']);
  });

  it('keeps a pair whose S-VOL was already drawn as a far connector (no endless loop on a cycle)', () => {
    const t = topology([group('G', 'local', [['d1', 'p', 's1'], ['d2', 's1', 'p']])]);
    const rows = shape(arrayLayout(t, 'A')!.rows);
    expect(rows).toEqual(['s2', 'free', 'p [PS]', '  = G/d1', '  s1 [PS]', '    = G/d2 (far)']); // roots first, then the cycle
  });

  it('shows no list for an array without pools or pairs; an array with a pool shows its LDEVs', () => {
    const t = topology([group('H', 'host-mirror', [['m1', 'p', 'r']])]);
    expect(arrayLayout(t, 'D')).toBeNull();
    expect(shape(arrayLayout(t, 'C')!.rows)).toEqual(['c']);
    expect(shape(arrayLayout(t, 'B')!.rows)).toEqual(['r [S]']);
    expect(arrayLayout(t, 'A')).toBe(arrayLayout(t, 'A'));
  });

  it('copes with an array object without pools (a new array from the palette)', () => {
    const t = { copyGroups: [], devices: [{ kind: 'array', id: 'N', name: 'New', ldevs: [] }] } as unknown as Topology;
    expect(arrayLayout(t, 'N')).toBeNull();
  });

  it('caps the list, LDEVs in pairs first, and counts the rest', () => {
    const t = topology([group('G', 'local', [['d1', 'x20', 'x21']])], 30);
    const layout = arrayLayout(t, 'A')!;
    const ldevRows = layout.rows.filter((r) => r.type === 'ldev');
    expect(ldevRows.length).toBe(MAX_LDEV_ROWS);
    expect(layout.hiddenLdevs).toBe(34 - MAX_LDEV_ROWS);
    expect(shape(layout.rows).slice(0, 3)).toEqual(['x20 [P]', '  = G/d1', '  x21 [S]']);
  });
});

describe('pair layout › cross-array pairs', () => {
  it('lists host mirrors across arrays only', () => {
    const t = topology([
      group('G', 'local', [['d1', 'p', 's1']]),
      group('H', 'host-mirror', [['m1', 'p', 'r'], ['m2', 's2', 'free']]),
      group('S', 'snapshot', [['g1', 'c', undefined]]),
    ]);
    expect(crossArrayPairs(t).map((r) => r.key)).toEqual(['H/m1']);
    expect(shape(arrayLayout(t, 'A')!.rows)).toContain('  = H/m2');
    expect(ldevHandleId('p', 'r')).toBe('repl-r:p');
  });
});
