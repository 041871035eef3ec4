/**
 * Auto-layout on the built-in scenarios with their positions scrambled: rows by role, no
 * overlaps, pinned devices untouched to the pixel, sites kept apart (main left, remote right),
 * and the same result every time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scenario } from '../../model/scenario.ts';
import type { Device, DeviceKind, Topology } from '../../model/topology.ts';
import { autoLayout, type Position } from './auto-layout.ts';
import { estimateSize } from './layout-roles.ts';

const DIR = new URL('../../../scenarios/', import.meta.url);
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const load = (file: string): Topology => Scenario.parse(JSON.parse(readFileSync(new URL(file, DIR), 'utf8'))).topology;

/** mulberry32: a seeded PRNG, so a failing scramble can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every device at a random spot of a 1500×1000 area, listed in a shuffled order. */
function scramble(t: Topology, seed: number, pinnedIds: readonly string[] = []): Topology {
  const r = prng(seed);
  const devices = t.devices.map((d) => ({ ...d, position: { x: Math.floor(r() * 1500), y: Math.floor(r() * 1000) }, pinned: pinnedIds.includes(d.id) || undefined }));
  for (let i = devices.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [devices[i], devices[j]] = [devices[j], devices[i]];
  }
  return { ...t, devices: devices as Device[] };
}

const boxOf = (d: Device, p: Position) => ({ ...p, ...estimateSize(d) });

function overlapping(t: Topology, pos: Map<string, Position>): string[] {
  const out: string[] = [];
  const ds = t.devices;
  for (let i = 0; i < ds.length; i++) {
    for (let j = i + 1; j < ds.length; j++) {
      if (ds[i].pinned && ds[j].pinned) continue;
      const a = boxOf(ds[i], pos.get(ds[i].id)!);
      const b = boxOf(ds[j], pos.get(ds[j].id)!);
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.push(`${ds[i].id}/${ds[j].id}`);
    }
  }
  return out;
}

const ROLE_ORDER: DeviceKind[][] = [['server'], ['fcSwitch', 'fcHub', 'bridge'], ['array'], ['tapeLibrary', 'dvdLibrary']];

/** For each pair of consecutive roles present: lowest bottom of the upper role vs highest top of the lower. */
function roleOrderViolations(t: Topology, pos: Map<string, Position>): string[] {
  const rows = ROLE_ORDER.map((kinds) => t.devices.filter((d) => kinds.includes(d.kind))).filter((r) => r.length > 0);
  const out: string[] = [];
  for (let i = 0; i + 1 < rows.length; i++) {
    const bottom = Math.max(...rows[i].map((d) => pos.get(d.id)!.y + estimateSize(d).height));
    const top = Math.min(...rows[i + 1].map((d) => pos.get(d.id)!.y));
    if (!(bottom < top)) out.push(`${rows[i][0].kind} row ends at ${bottom}, ${rows[i + 1][0].kind} row starts at ${top}`);
  }
  return out;
}

describe('auto-layout', () => {
  describe('built-in scenarios, scrambled', () => {
    it.each(FILES)('%s › rows by role, no overlaps, every device placed', async (file) => {
      const t = scramble(load(file), 7);
      const pos = await autoLayout(t);
      expect([...pos.keys()].sort()).toEqual(t.devices.map((d) => d.id).sort());
      expect(roleOrderViolations(t, pos)).toEqual([]);
      expect(overlapping(t, pos)).toEqual([]);
    });
  });

  describe('clients and LAN', () => {
    it('demo › clients above the LAN above the servers', async () => {
      const t = scramble(load('embodiment-1-online-backup.json'), 3);
      const pos = await autoLayout(t);
      const y = (id: string) => pos.get(id)!.y;
      expect(y('client1')).toBeLessThan(y('lan1'));
      expect(y('lan1')).toBeLessThan(y('db-server'));
      expect(y('db-server')).toBeLessThan(y('fcsw1'));
      expect(y('fcsw1')).toBeLessThan(y('array1'));
      expect(y('array1')).toBeLessThan(y('tape1'));
    });
  });

  describe('pinned devices', () => {
    it('demo › a pinned switch keeps its exact position, fractional included', async () => {
      const base = scramble(load('embodiment-1-online-backup.json'), 11, ['fcsw1']);
      const t = { ...base, devices: base.devices.map((d) => (d.id === 'fcsw1' ? { ...d, position: { x: 913.25, y: -40.5 } } : d)) };
      const pos = await autoLayout(t);
      expect(pos.get('fcsw1')).toEqual({ x: 913.25, y: -40.5 });
      expect(roleOrderViolations(t, pos)).toEqual([]);
      expect(overlapping(t, pos)).toEqual([]);
    });

    it('any scenario, any pinned subset › pinned devices do not move and nothing overlaps them', async () => {
      const topologies = FILES.map(load);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: topologies.length - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fc.nat(), { maxLength: 4 }), async (k, seed, picks) => {
          const t0 = topologies[k];
          const pinned = picks.map((p) => t0.devices[p % t0.devices.length].id);
          const t = scramble(t0, seed, pinned);
          const pos = await autoLayout(t);
          for (const d of t.devices.filter((x) => x.pinned)) expect(pos.get(d.id)).toEqual(d.position);
          expect(overlapping(t, pos)).toEqual([]);
        }),
        { numRuns: 25, seed: 20261126 },
      );
    });
  });

  describe('two sites', () => {
    it.each(FILES.filter((f) => load(f).sites.length > 1))('%s › every main-site device left of every remote-site device', async (file) => {
      const t = scramble(load(file), 5);
      const pos = await autoLayout(t);
      const inSite = (id: string) => t.devices.filter((d) => d.siteId === id && d.kind !== 'wanLink');
      const mainRight = Math.max(...inSite('main').map((d) => pos.get(d.id)!.x + estimateSize(d).width));
      const remoteLeft = Math.min(...inSite('remote').map((d) => pos.get(d.id)!.x));
      expect(mainRight).toBeLessThan(remoteLeft);
      for (const w of t.devices.filter((d) => d.kind === 'wanLink')) {
        expect(pos.get(w.id)!.x).toBeGreaterThan(mainRight);
        expect(pos.get(w.id)!.x + estimateSize(w).width).toBeLessThan(remoteLeft);
        // centred on the mean top edge of the devices its cables reach, in both sites
        const ends = [...new Set(t.links.flatMap((l) => (l.a.deviceId === w.id ? [l.b.deviceId] : l.b.deviceId === w.id ? [l.a.deviceId] : [])))];
        const mean = ends.reduce((sum, id) => sum + pos.get(id)!.y, 0) / ends.length;
        expect(Math.abs(pos.get(w.id)!.y + estimateSize(w).height / 2 - mean)).toBeLessThanOrEqual(1);
      }
    });
  });

  describe('determinism', () => {
    it('same input › same output', async () => {
      const t = scramble(load('remote-async-tape.json'), 9);
      const a = await autoLayout(t);
      const b = await autoLayout(t);
      expect([...b]).toEqual([...a]);
    });

    it('other scrambled positions, same document › the same layout, only translated', async () => {
      const t = scramble(load('fig19-san-manager.json'), 9);
      const moved = { ...t, devices: t.devices.map((d, i) => ({ ...d, position: { x: 3000 - i * 91, y: 40 + i * 13 } })) };
      const [a, b] = [await autoLayout(t), await autoLayout(moved)];
      const rel = (m: Map<string, Position>) => {
        const o = m.get(t.devices[0].id)!;
        return t.devices.map((d) => [d.id, m.get(d.id)!.x - o.x, m.get(d.id)!.y - o.y]);
      };
      expect(rel(b)).toEqual(rel(a));
    });
  });
});
