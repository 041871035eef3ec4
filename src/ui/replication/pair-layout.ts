/**
 * Where pairs go on the canvas, derived from the document's copy groups (not from the run, so
 * the design shows its pairs before anything runs):
 * - `arrayRows`: an array node's LDEV list as a tree — each pair inside the array (local, or a
 *   host mirror whose two volumes share the array) is a connector row between its P-VOL row and
 *   its S-VOL row (the S-VOL indented under the P-VOL, so cascades read top-down); snapshot
 *   generations are rows under their P-VOL;
 * - `crossArrayPairs`: pairs whose volumes sit on two arrays, drawn as dashed edges.
 * Built once per topology object (WeakMap), so canvas selectors stay O(1) per store update.
 */
import type { PairStatus } from '../../engine/api.ts';
import type { CopyGroupKind, DiskArray, Ldev, Topology } from '../../model/topology.ts';

/** LDEV rows an array node shows at most; the rest are counted ("+ n more"). */
export const MAX_LDEV_ROWS = 12;

/** One device of one copy group, with the arrays its volumes live on. */
export interface PairRef extends Pick<PairStatus, 'key' | 'group' | 'device' | 'kind' | 'mu' | 'pvol' | 'svol'> {
  pArrayId: string | null;
  sArrayId: string | null;
}

export type LdevRole = 'P' | 'S';

export type ArrayRow =
  | { type: 'ldev'; ldev: Ldev; depth: number; roles: LdevRole[] }
  /** A pair inside the array; `adjacent` when its S-VOL row follows at once. */
  | { type: 'pair'; ref: PairRef; depth: number; adjacent: boolean }
  | { type: 'snapshot'; ref: PairRef; depth: number };

export interface ArrayLayout {
  rows: ArrayRow[];
  /** LDEVs left out (beyond MAX_LDEV_ROWS). */
  hiddenLdevs: number;
}

interface TopologyLayout {
  refs: PairRef[];
  byKey: Map<string, PairRef>;
  /** Array layouts built so far (lazily, per array). */
  arrays: Map<string, ArrayLayout | null>;
  cross: PairRef[];
  /** LDEV ids in cross-array pairs, comma-joined (a primitive for cheap selectors). */
  crossLdevIds: string;
  ldevArray: Map<string, string>;
  arrayById: Map<string, DiskArray>;
  /** Arrays with an LDEV in some copy group. */
  inPairs: Set<string>;
}

const memo = new WeakMap<Topology, TopologyLayout>();

function ldevArrays(t: Topology): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of t.devices) if (d.kind === 'array') for (const l of d.ldevs) if (!out.has(l.id)) out.set(l.id, d.id);
  return out;
}

/** Every device of every copy group, in document order. */
function buildRefs(t: Topology, ldevArray: Map<string, string>): PairRef[] {
  return (t.copyGroups ?? []).flatMap((g) =>
    g.devices.map((d) => ({
      key: `${g.id}/${d.name}`,
      group: g.id,
      device: d.name,
      kind: g.kind,
      mu: d.mu,
      pvol: d.pvol,
      svol: d.svol ?? null,
      pArrayId: ldevArray.get(d.pvol) ?? null,
      sArrayId: d.svol ? (ldevArray.get(d.svol) ?? null) : null,
    })),
  );
}

function isInside(ref: PairRef, arrayId: string): boolean {
  return ref.kind !== 'snapshot' && ref.svol !== null && ref.pArrayId === arrayId && ref.sArrayId === arrayId;
}

function isCross(ref: PairRef): boolean {
  return ref.kind !== 'snapshot' && ref.svol !== null && ref.pArrayId !== null && ref.sArrayId !== null && ref.pArrayId !== ref.sArrayId;
}

function rolesOf(ldevId: string, refs: readonly PairRef[]): LdevRole[] {
  const roles: LdevRole[] = [];
  if (refs.some((r) => r.pvol === ldevId)) roles.push('P');
  if (refs.some((r) => r.svol === ldevId && r.kind !== 'snapshot')) roles.push('S');
  return roles;
}

/** The LDEVs to show: all of them, or (past the cap) those in pairs first, in document order. */
function shownLdevs(array: DiskArray, refs: readonly PairRef[]): Ldev[] {
  if (array.ldevs.length <= MAX_LDEV_ROWS) return array.ldevs;
  const inPairs = new Set(refs.flatMap((r) => [r.pvol, r.svol ?? '']));
  const first = array.ldevs.filter((l) => inPairs.has(l.id));
  const rest = array.ldevs.filter((l) => !inPairs.has(l.id));
  return [...first, ...rest].slice(0, MAX_LDEV_ROWS);
}

/** Depth-first: an LDEV, its snapshot generations, then each inside pair and its S-VOL subtree. */
function buildArrayRows(array: DiskArray, refs: readonly PairRef[]): ArrayRow[] {
  const shown = shownLdevs(array, refs);
  const byId = new Map(shown.map((l) => [l.id, l]));
  const inside = refs.filter((r) => isInside(r, array.id) && byId.has(r.pvol) && byId.has(r.svol!));
  const snapshots = refs.filter((r) => r.kind === 'snapshot' && r.pArrayId === array.id);
  const svols = new Set(inside.map((r) => r.svol!));
  const rows: ArrayRow[] = [];
  const visited = new Set<string>();
  const visit = (ldev: Ldev, depth: number) => {
    visited.add(ldev.id);
    rows.push({ type: 'ldev', ldev, depth, roles: rolesOf(ldev.id, refs) });
    for (const ref of snapshots) if (ref.pvol === ldev.id) rows.push({ type: 'snapshot', ref, depth: depth + 1 });
    for (const ref of inside) {
      if (ref.pvol !== ldev.id) continue;
      const child = byId.get(ref.svol!)!;
      const descend = !visited.has(child.id);
      rows.push({ type: 'pair', ref, depth: depth + 1, adjacent: descend });
      if (descend) visit(child, depth + 1);
    }
  };
  for (const l of shown) if (!svols.has(l.id) && !visited.has(l.id)) visit(l, 0);
  for (const l of shown) if (!visited.has(l.id)) visit(l, 0); // cycles: start anywhere
  return rows;
}

function build(t: Topology): TopologyLayout {
  const ldevArray = ldevArrays(t);
  const refs = buildRefs(t, ldevArray);
  const cross = refs.filter(isCross);
  const arrayById = new Map<string, DiskArray>();
  for (const d of t.devices) if (d.kind === 'array' && !arrayById.has(d.id)) arrayById.set(d.id, d);
  const inPairs = new Set(refs.flatMap((r) => [r.pArrayId, r.sArrayId]).filter((id): id is string => id !== null));
  return {
    refs,
    byKey: new Map(refs.map((r) => [r.key, r])),
    arrays: new Map(),
    cross,
    crossLdevIds: cross.flatMap((r) => [r.pvol, r.svol ?? '']).join(','),
    ldevArray,
    arrayById,
    inPairs,
  };
}

function layoutOf(t: Topology): TopologyLayout {
  let m = memo.get(t);
  if (!m) {
    m = build(t);
    memo.set(t, m);
  }
  return m;
}

export function pairRefs(t: Topology): readonly PairRef[] {
  return layoutOf(t).refs;
}

export function pairRef(t: Topology, key: string): PairRef | undefined {
  return layoutOf(t).byKey.get(key);
}

/** The array an LDEV lives on. */
export function arrayOfLdev(t: Topology, ldevId: string): string | undefined {
  return layoutOf(t).ldevArray.get(ldevId);
}

/** Pairs whose P-VOL and S-VOL are on different arrays (host mirrors across arrays). */
export function crossArrayPairs(t: Topology): readonly PairRef[] {
  return layoutOf(t).cross;
}

/** The LDEV ids of cross-array pairs, comma-joined: where array nodes need edge handles. */
export function crossLdevIds(t: Topology): string {
  return layoutOf(t).crossLdevIds;
}

/**
 * Whether an array takes part in replication: pools, or an LDEV in some copy group. (`pools` may
 * be absent on an array object built outside the schema, e.g. a new device from the palette.)
 */
function involved(m: TopologyLayout, array: DiskArray): boolean {
  return (array.pools ?? []).length > 0 || m.inPairs.has(array.id);
}

/**
 * An array node's LDEV list, or null when the array takes no part in replication (the node
 * then stays as compact as before). Stable per topology object.
 */
export function arrayLayout(t: Topology, arrayId: string): ArrayLayout | null {
  const m = layoutOf(t);
  if (m.arrays.has(arrayId)) return m.arrays.get(arrayId)!;
  const array = m.arrayById.get(arrayId);
  const layout = array && involved(m, array) ? { rows: buildArrayRows(array, m.refs), hiddenLdevs: Math.max(0, array.ldevs.length - MAX_LDEV_ROWS) } : null;
  m.arrays.set(arrayId, layout);
  return layout;
}

/** Handle id of an LDEV row's side, where cross-array pair edges attach. */
export function ldevHandleId(ldevId: string, side: 'l' | 'r'): string {
  return `repl-${side}:${ldevId}`;
}
