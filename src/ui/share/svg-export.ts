/**
 * The canvas as an SVG diagram, drawn from the design itself (no screenshot): each site as a
 * labelled frame around its devices, each device as a box at its canvas position with a kind tag,
 * its name and its kind, each cable as a line between the two devices' centres (FC blue, LAN
 * green, WAN dashed orange). The scenario rides along in `<metadata><sandbox-scenario>` as the
 * codec payload (base64url: nothing in it needs XML escaping), so dropping the SVG reopens it.
 *
 * Invariants: every name is XML-escaped; the output is one standalone SVG document using system
 * fonts only (it is also rasterised offline for PNG export); `readSvgPayload(buildSvg(t, p))`
 * is `p`. Does not handle: port positions, live telemetry, health colours (a static design view).
 */
import { DEVICE_KIND_LABEL } from '../../model/lookup.ts';
import type { Device, DeviceKind, PortKind, Topology } from '../../model/topology.ts';

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 60;
const SITE_PAD = 28;
const MARGIN = 24;
export const SVG_PAYLOAD_TAG = 'sandbox-scenario';
const PAYLOAD_NS = 'urn:sandbox-san:scenario';

const TAG: Record<DeviceKind, string> = {
  server: 'SRV',
  client: 'CLI',
  fcSwitch: 'SW',
  fcHub: 'HUB',
  bridge: 'BRG',
  array: 'ARR',
  tapeLibrary: 'TAPE',
  dvdLibrary: 'DVD',
  lanSegment: 'LAN',
  wanLink: 'WAN',
  console: 'CON',
};

const TAG_COLOURS: Partial<Record<DeviceKind, [string, string]>> = {
  array: ['#e0e9fd', '#1e40af'],
  tapeLibrary: ['#e0e9fd', '#1e40af'],
  dvdLibrary: ['#e0e9fd', '#1e40af'],
  fcSwitch: ['#dcf3ef', '#0f766e'],
  fcHub: ['#dcf3ef', '#0f766e'],
  bridge: ['#dcf3ef', '#0f766e'],
  lanSegment: ['#e1f3e6', '#166534'],
  client: ['#e1f3e6', '#166534'],
  wanLink: ['#fdeadd', '#9a3412'],
};

const CABLE_STYLE: Record<PortKind, string> = {
  fc: 'stroke="#2563eb" stroke-width="1.6"',
  lan: 'stroke="#16a34a" stroke-width="1.6"',
  wan: 'stroke="#c2410c" stroke-width="2" stroke-dasharray="6 4"',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** Cut a label to about `max` characters so it stays inside its box (no text metrics offline). */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function boundsOf(devices: readonly Device[], pad: number): Box | null {
  if (devices.length === 0) return null;
  const xs = devices.map((d) => d.position.x);
  const ys = devices.map((d) => d.position.y);
  return { x0: Math.min(...xs) - pad, y0: Math.min(...ys) - pad, x1: Math.max(...xs) + NODE_WIDTH + pad, y1: Math.max(...ys) + NODE_HEIGHT + pad };
}

function siteFrames(t: Topology): string[] {
  return t.sites.flatMap((site) => {
    const b = boundsOf(
      t.devices.filter((d) => d.siteId === site.id),
      SITE_PAD,
    );
    if (!b) return [];
    const colour = site.kind === 'remote' ? '#7c3aed' : '#64748b';
    return [
      `<g class="site" data-site-id="${escapeXml(site.id)}">` +
        `<rect x="${b.x0}" y="${b.y0 - 14}" width="${b.x1 - b.x0}" height="${b.y1 - b.y0 + 14}" rx="10" fill="${site.kind === 'remote' ? '#faf7ff' : '#f8fafc'}" stroke="${colour}" stroke-dasharray="4 3"/>` +
        `<text x="${b.x0 + 10}" y="${b.y0 + 4}" font-size="13" font-weight="600" fill="${colour}">${escapeXml(clip(site.name, 60))}${site.kind === 'remote' && !/remote/i.test(site.name) ? ' (remote site)' : ''}</text></g>`,
    ];
  });
}

/** Perpendicular offsets so parallel cables between one pair of devices stay apart. */
const PARALLEL_GAP = 8;

function cableLines(t: Topology): string[] {
  const byId = new Map(t.devices.map((d) => [d.id, d]));
  const centre = (d: Device) => [d.position.x + NODE_WIDTH / 2, d.position.y + NODE_HEIGHT / 2] as const;
  const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const pairCount = new Map<string, number>();
  for (const l of t.links) pairCount.set(pairKey(l.a.deviceId, l.b.deviceId), (pairCount.get(pairKey(l.a.deviceId, l.b.deviceId)) ?? 0) + 1);
  const pairSeen = new Map<string, number>();
  return t.links.flatMap((l) => {
    const a = byId.get(l.a.deviceId);
    const b = byId.get(l.b.deviceId);
    if (!a || !b) return [];
    const key = pairKey(a.id, b.id);
    const index = pairSeen.get(key) ?? 0;
    pairSeen.set(key, index + 1);
    const kind = a.ports.find((p) => p.id === l.a.portId)?.kind ?? 'fc';
    // Orient by id order so the offset direction is the same whichever end is `a`.
    const [p, q] = a.id < b.id ? [centre(a), centre(b)] : [centre(b), centre(a)];
    const len = Math.hypot(q[0] - p[0], q[1] - p[1]) || 1;
    const shift = (index - ((pairCount.get(key) ?? 1) - 1) / 2) * PARALLEL_GAP;
    const [dx, dy] = [(-(q[1] - p[1]) / len) * shift, ((q[0] - p[0]) / len) * shift];
    const r = (v: number) => Math.round(v * 10) / 10;
    return [
      `<line class="cable cable-${kind}" data-link-id="${escapeXml(l.id)}" x1="${r(p[0] + dx)}" y1="${r(p[1] + dy)}" x2="${r(q[0] + dx)}" y2="${r(q[1] + dy)}" ${CABLE_STYLE[kind]}/>`,
    ];
  });
}

/** The name as one line, or two (split at a space when it can) when it is long; the rest is clipped. */
export function nameLines(name: string, perLine = 17): string[] {
  if (name.length <= perLine) return [name];
  const cut = name.lastIndexOf(' ', perLine);
  const at = cut > 4 ? cut : perLine;
  return [name.slice(0, at), clip(name.slice(at).trimStart(), perLine + 2)];
}

function deviceLabel(d: Device): string {
  const lines = nameLines(d.name);
  const kind = `<text x="52" y="${lines.length === 1 ? 44 : 51}" font-size="11" fill="#64748b">${escapeXml(DEVICE_KIND_LABEL[d.kind])}</text>`;
  if (lines.length === 1) return `<text x="52" y="27" font-size="13" font-weight="600" fill="#0f172a">${escapeXml(lines[0])}</text>${kind}`;
  const [a, b] = lines.map(escapeXml);
  return `<text x="52" y="20" font-size="12" font-weight="600" fill="#0f172a"><tspan x="52">${a}</tspan><tspan x="52" dy="14">${b}</tspan></text>${kind}`;
}

function deviceBox(d: Device, remote: boolean): string {
  const { x, y } = d.position;
  const [bg, fg] = TAG_COLOURS[d.kind] ?? ['#eef2f7', '#334155'];
  const border = remote ? `<path d="M8 0.5H4.5a4 4 0 0 0-4 4v${NODE_HEIGHT - 9}a4 4 0 0 0 4 4H8Z" fill="#7c3aed"/>` : '';
  return (
    `<g class="device" data-device-id="${escapeXml(d.id)}" transform="translate(${x} ${y})">` +
    `<rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="#ffffff" stroke="#94a3b8"/>${border}` +
    `<rect x="10" y="13" width="34" height="34" rx="7" fill="${bg}"/>` +
    `<text x="27" y="34" font-size="10" font-weight="700" text-anchor="middle" fill="${fg}">${TAG[d.kind]}</text>` +
    deviceLabel(d) +
    `<title>${escapeXml(`${d.name} (${DEVICE_KIND_LABEL[d.kind]} ${d.id})`)}</title></g>`
  );
}

/** A standalone SVG document of the design with `payload` in its metadata. */
export function buildSvg(t: Topology, payload: string, title = t.name): string {
  const remoteSites = new Set(t.sites.filter((s) => s.kind === 'remote').map((s) => s.id));
  const b = boundsOf(t.devices, SITE_PAD + MARGIN) ?? { x0: 0, y0: 0, x1: 360, y1: 120 };
  const heading = clip(title, 120);
  const y0 = b.y0 - 40; // room for the title
  // No text metrics offline: ~10 px per character of the 16 px bold title is a safe width.
  const width = Math.ceil(Math.max(b.x1 - b.x0, heading.length * 10 + 2 * MARGIN));
  const height = Math.ceil(b.y1 - y0);
  const body = [
    `<rect x="${b.x0}" y="${y0}" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${b.x0 + MARGIN}" y="${y0 + 28}" font-size="16" font-weight="700" fill="#0f172a">${escapeXml(heading)}</text>`,
    ...siteFrames(t),
    ...cableLines(t),
    ...t.devices.map((d) => deviceBox(d, remoteSites.has(d.siteId))),
  ];
  if (t.devices.length === 0) body.push(`<text x="${b.x0 + MARGIN}" y="${y0 + 80}" font-size="13" fill="#64748b">Empty design</text>`);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${b.x0} ${y0} ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif">\n` +
    `<metadata><${SVG_PAYLOAD_TAG} xmlns="${PAYLOAD_NS}" encoding="deflate-raw+base64url">${escapeXml(payload)}</${SVG_PAYLOAD_TAG}></metadata>\n` +
    `${body.join('\n')}\n</svg>\n`
  );
}

export type SvgRead = { ok: true; payload: string | null } | { ok: false; message: string };

/** The scenario payload in an SVG document's metadata: null when it has none. */
export function readSvgPayload(text: string): SvgRead {
  if (!/<svg[\s>]/.test(text)) return { ok: false, message: 'not an SVG image (no <svg> element)' };
  const m = new RegExp(`<${SVG_PAYLOAD_TAG}\\b[^>]*>([^<]*)</${SVG_PAYLOAD_TAG}>`).exec(text);
  return { ok: true, payload: m ? m[1].trim() : null };
}
