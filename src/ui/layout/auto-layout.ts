/**
 * Auto-layout of a topology with elk's `layered` algorithm (direction DOWN), in rows by role:
 * clients/consoles → LAN → servers → fabrics → storage → backup (layout-roles.ts).
 *
 * How a layout is built (all steps deterministic: same topology and sizes, same positions):
 * 1. Each site is laid out on its own by elk. A node's role is its elk partition, so elk keeps
 *    the rows in role order and only decides the order and spacing inside them (crossing
 *    minimisation, node placement). Cables become edges pointing down the roles.
 * 2. Rows are aligned across sites (a server row is one row in both sites) and sites become
 *    columns left to right: main sites, then remote sites (layout-roles.ts `siteColumns`).
 * 3. A WAN link whose cables reach two sites is placed in the gap between their columns, at
 *    the height of the devices it joins (centred on their mean top edge).
 * 4. Pinned devices (place-pinned.ts) never move: the whole result is translated so the first
 *    pinned device lands exactly on its own position; other pinned devices keep theirs and
 *    unpinned devices that would overlap one are pushed sideways along their row.
 *
 * Does not handle: routing of cables (React Flow draws them), nodes that grow after the layout
 * (an array that starts listing pairs); sizes measured by React Flow are used when given.
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Device, Topology } from '../../model/topology.ts';
import { isBetweenSites, RANK_OF_KIND, siteColumns, sizeOf, wanEnds, type Size } from './layout-roles.ts';
import { placeAroundPinned, type Box, type Position } from './place-pinned.ts';

export type { Position } from './place-pinned.ts';

export interface AutoLayoutOptions {
  /** Node sizes as the canvas measured them (React Flow `measured`); estimates otherwise. */
  sizes?: ReadonlyMap<string, Size>;
}

const NODE_GAP_PX = 48;
const ROW_GAP_PX = 80;
const SITE_GAP_PX = 140;
const WAN_MARGIN_PX = 110;

const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.partitioning.activate': 'true',
  // One component per site, or an unconnected library would start a component at the top row.
  'elk.separateConnectedComponents': 'false',
  'elk.spacing.nodeNode': String(NODE_GAP_PX),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(ROW_GAP_PX),
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.randomSeed': '1',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
};

let elk: Promise<ELK> | null = null;

/** elk is large (about 1.5 MB): loaded on the first layout, as its own chunk of the build. */
function loadElk(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elk;
}

type Placed = Box & { id: string };

/** What every step reads: the topology, its site columns, measured sizes, cable ends per device. */
interface Ctx {
  t: Topology;
  columns: readonly string[];
  sizes: AutoLayoutOptions['sizes'];
  ends: ReadonlyMap<string, string[]>;
}

/** A node as one site's elk run placed it, in the site's own coordinates. */
interface Local extends Box {
  id: string;
  rank: number;
}

/** The cables between devices that have a rank (one site's), once per pair, pointing down the role rows. */
function edgesWithin(t: Topology, rank: ReadonlyMap<string, number>, order: ReadonlyMap<string, number>): ElkExtendedEdge[] {
  const seen = new Set<string>();
  const edges: ElkExtendedEdge[] = [];
  for (const l of t.links) {
    let [a, b] = [l.a.deviceId, l.b.deviceId];
    if (a === b || !rank.has(a) || !rank.has(b)) continue;
    const down = rank.get(a)! < rank.get(b)! || (rank.get(a) === rank.get(b) && order.get(a)! < order.get(b)!);
    if (!down) [a, b] = [b, a];
    const key = `${a}\u0000${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ id: `e${edges.length}`, sources: [a], targets: [b] });
  }
  return edges;
}

async function layoutSite(t: Topology, devices: readonly Device[], sizes: AutoLayoutOptions['sizes']): Promise<Local[]> {
  if (devices.length === 0) return [];
  const rank = new Map(devices.map((d) => [d.id, RANK_OF_KIND[d.kind]]));
  const order = new Map(devices.map((d, i) => [d.id, i]));
  const graph: ElkNode = {
    id: 'site',
    layoutOptions: ELK_OPTIONS,
    children: devices.map((d) => ({ id: d.id, ...sizeOf(d, sizes), layoutOptions: { 'elk.partitioning.partition': String(rank.get(d.id)) } })),
    edges: edgesWithin(t, rank, order),
  };
  const out = await (await loadElk()).layout(graph);
  return (out.children ?? []).map((c) => ({ id: c.id, rank: rank.get(c.id)!, x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 }));
}

/** Top of each role row once rows are shared by all sites. */
function rowTops(sites: readonly Local[][]): number[] {
  const heights: number[] = [];
  for (const nodes of sites) {
    for (const r of new Set(nodes.map((n) => n.rank))) {
      const inRow = nodes.filter((n) => n.rank === r);
      const top = Math.min(...inRow.map((n) => n.y));
      const bottom = Math.max(...inRow.map((n) => n.y + n.height));
      heights[r] = Math.max(heights[r] ?? 0, bottom - top);
    }
  }
  const tops: number[] = [];
  let y = 0;
  for (let r = 0; r < heights.length; r++) {
    tops[r] = y;
    if (heights[r] !== undefined) y += heights[r] + ROW_GAP_PX;
  }
  return tops;
}

/** Move each site's nodes into the shared rows, and each site into its column. */
function arrange(ctx: Ctx, sites: readonly Local[][], wans: readonly Device[]): Placed[] {
  const { t, columns } = ctx;
  const tops = rowTops(sites);
  const out: Placed[] = [];
  let cursor = 0;
  const gaps: { wans: Device[]; centreX: number }[] = [];
  sites.forEach((nodes, i) => {
    if (nodes.length === 0) return;
    const left = Math.min(...nodes.map((n) => n.x));
    const right = Math.max(...nodes.map((n) => n.x + n.width));
    const rowTop = new Map<number, number>();
    for (const n of nodes) rowTop.set(n.rank, Math.min(rowTop.get(n.rank) ?? Infinity, n.y));
    for (const n of nodes) out.push({ id: n.id, x: cursor + n.x - left, y: tops[n.rank] + n.y - rowTop.get(n.rank)!, width: n.width, height: n.height });
    cursor += right - left;
    const between = wans.filter((w) => wanEnds(t, w, columns)[0] === columns[i]);
    const wanWidth = Math.max(0, ...between.map((w) => sizeOf(w, ctx.sizes).width));
    const gap = Math.max(SITE_GAP_PX, wanWidth + 2 * WAN_MARGIN_PX);
    gaps.push({ wans: between, centreX: cursor + gap / 2 });
    cursor += gap;
  });
  // After every site is placed: a WAN link's height depends on both ends.
  for (const g of gaps) placeWans(g.wans, g.centreX, out, ctx);
  return out;
}

/**
 * WAN links centred on x = `centreX`, never overlapping, each centred on the mean TOP edge of
 * the devices it joins: high enough to leave the straight line between two arrays clear, where
 * the remote-copy pair edge and its label run.
 */
function placeWans(wans: readonly Device[], centreX: number, placed: Placed[], ctx: Ctx): void {
  const wanted = wans.map((w) => ({ w, size: sizeOf(w, ctx.sizes), y: 0 }));
  for (const item of wanted) item.y = meanTop(ctx.ends.get(item.w.id) ?? [], placed) - item.size.height / 2;
  wanted.sort((a, b) => a.y - b.y || a.w.id.localeCompare(b.w.id));
  let floor = -Infinity;
  for (const { w, size, y } of wanted) {
    const top = Math.max(y, floor);
    placed.push({ id: w.id, x: centreX - size.width / 2, y: top, ...size });
    floor = top + size.height + NODE_GAP_PX / 2;
  }
}

function meanTop(ends: readonly string[], placed: readonly Placed[]): number {
  const boxes = placed.filter((b) => ends.includes(b.id));
  if (boxes.length === 0) return 0;
  return boxes.reduce((s, b) => s + b.y, 0) / boxes.length;
}

function endsByDevice(t: Topology): Map<string, string[]> {
  const m = new Map<string, string[]>();
  const add = (a: string, b: string) => m.set(a, [...(m.get(a) ?? []), b]);
  for (const l of t.links) {
    add(l.a.deviceId, l.b.deviceId);
    add(l.b.deviceId, l.a.deviceId);
  }
  return m;
}

/**
 * New top-left positions for every device of `topology` (pinned devices at their own position,
 * to the pixel). Resolves after elk has run; the topology is not changed.
 */
export async function autoLayout(topology: Topology, options: AutoLayoutOptions = {}): Promise<Map<string, Position>> {
  const t = topology;
  if (t.devices.length === 0) return new Map();
  const columns = siteColumns(t);
  const wans = t.devices.filter((d) => isBetweenSites(t, d, columns));
  const inSites = t.devices.filter((d) => !wans.includes(d));
  const sites: Local[][] = [];
  for (const siteId of columns) sites.push(await layoutSite(t, inSites.filter((d) => d.siteId === siteId), options.sizes));
  const boxes = arrange({ t, columns, sizes: options.sizes, ends: endsByDevice(t) }, sites, wans);
  return placeAroundPinned(t.devices, boxes);
}
