/**
 * What the canvas's right-click menu offers on a device or a cable, pure: per device kind, the
 * components a person can fail or repair (fault-commands.ts builds each command), and the same
 * entries flattened for the Inject fault dialog's picker.
 *
 *   cable                 Fail link | Repair link
 *   server                Fail HBA ▸ <FC port>            Repair HBA ▸ <failed port>
 *   FC switch / hub       Fail switch | Repair switch     Fail port ▸ <cabled FC port> …
 *   FC-SCSI bridge        Fail bridge | Repair bridge
 *   disk array            Fail port ▸ <FC port>           Fail controller ▸ CL1, CL2 …
 *                         Fail disk ▸ <parity group> ▸ disk n (0-based)
 *   tape / DVD library    Fail drive ▸ drive n (0-based)
 *   any device in a site  Disaster ▸ Lose site <name>
 * A "Repair …" entry lists only what is failed now; a "Fail …" entry only what works. Before a
 * run (or after it) the menu holds one disabled line saying why.
 *
 * Controllers follow the engine's rule (model/scenario-faults.ts): a port id `CLn-…` belongs to
 * controller n, any other to controller 1.
 *
 * Does not handle: the menu's rendering and keys (FaultContextMenu.tsx).
 */
import type { Device, Topology } from '../../model/topology.ts';
import { portController, type FaultComponent } from '../../model/scenario-faults.ts';
import { KIND_LABEL } from '../design/device-labels.ts';
import { faultCommand, faultKey, siteLossCommand, unavailableReason, type FaultCommand, type RunPhase } from './fault-commands.ts';

export interface MenuItem {
  /** Unique within the menu. */
  id: string;
  label: string;
  /** What choosing it sends; absent on a submenu or a note. */
  command?: FaultCommand;
  children?: MenuItem[];
  disabled?: boolean;
  /** Cannot be undone during the run (site loss). */
  danger?: boolean;
}

export type MenuTarget = { kind: 'device'; id: string } | { kind: 'link'; id: string };

export interface FaultMenu {
  title: string;
  items: MenuItem[];
}

const DEVICE_FAULT_NAME: Partial<Record<Device['kind'], string>> = { fcSwitch: 'switch', fcHub: 'hub', bridge: 'bridge' };

export function faultMenu(t: Topology, target: MenuTarget, active: ReadonlySet<string>, phase: RunPhase): FaultMenu {
  const title = menuTitle(t, target);
  const why = unavailableReason(phase);
  if (why !== null) return { title, items: [{ id: 'unavailable', label: why, disabled: true }] };
  const items = target.kind === 'link' ? linkItems(t, target.id, active) : deviceItems(t, target.id, active);
  return { title, items: items.length > 0 ? items : [{ id: 'none', label: 'No faults to inject here', disabled: true }] };
}

export function menuTitle(t: Topology, target: MenuTarget): string {
  if (target.kind === 'link') {
    const l = t.links.find((x) => x.id === target.id);
    return l ? `Cable ${l.id}: ${l.a.deviceId}/${l.a.portId} ↔ ${l.b.deviceId}/${l.b.portId}` : `Cable ${target.id}`;
  }
  const d = t.devices.find((x) => x.id === target.id);
  return d ? `${d.name} · ${KIND_LABEL[d.kind]}` : target.id;
}

/** Every leaf that sends a command, labelled with its path: `Fail disk › PG1 › disk 2`. */
export function flattenMenu(items: readonly MenuItem[], prefix = ''): { id: string; label: string; command: FaultCommand; danger: boolean }[] {
  return items.flatMap((it) => {
    const label = prefix ? `${prefix} › ${it.label}` : it.label;
    if (it.children) return flattenMenu(it.children, label);
    return it.command && !it.disabled ? [{ id: it.id, label, command: it.command, danger: it.danger === true }] : [];
  });
}

/**
 * The entry that undoes entry `id` once it is applied (`fail:port db/hba0` ↔ `repair:port
 * db/hba0`): the picker keeps the same component selected after Apply.
 */
export function counterpartId(id: string): string {
  if (id.startsWith('fail:')) return `repair:${id.slice(5)}`;
  if (id.startsWith('repair:')) return `fail:${id.slice(7)}`;
  return id;
}

/** The devices and cables whose menu offers something to fail or repair, in document order. */
export function faultTargets(t: Topology): { target: MenuTarget; label: string }[] {
  const devices = t.devices
    .filter((d) => componentsOf(t, d).length > 0)
    .map((d) => ({ target: { kind: 'device', id: d.id } as MenuTarget, label: menuTitle(t, { kind: 'device', id: d.id }) }));
  const links = t.links.map((l) => ({ target: { kind: 'link', id: l.id } as MenuTarget, label: menuTitle(t, { kind: 'link', id: l.id }) }));
  return [...devices, ...links];
}

// ------------------------------------------------------------------ per target

function linkItems(t: Topology, linkId: string, active: ReadonlySet<string>): MenuItem[] {
  if (!t.links.some((l) => l.id === linkId)) return [];
  const c: FaultComponent = { kind: 'link', linkId };
  return [toggle(c, active, 'link')];
}

function deviceItems(t: Topology, deviceId: string, active: ReadonlySet<string>): MenuItem[] {
  const d = t.devices.find((x) => x.id === deviceId);
  if (!d) return [];
  const groups = componentsOf(t, d);
  const items: MenuItem[] = [];
  for (const g of groups) {
    if (g.single) {
      items.push(toggle(g.single, active, g.noun));
      continue;
    }
    items.push(...split(g.noun, g.leaves, active));
  }
  const site = t.sites.find((s) => s.id === d.siteId);
  if (site && items.length > 0) {
    const c: FaultComponent = { kind: 'site', siteId: site.id };
    const lost = active.has(faultKey(c));
    const entry: MenuItem = lost
      ? { id: `repair:${faultKey(c)}`, label: `Restore site ${site.name}`, command: faultCommand(c, false) }
      : { id: `site:${site.id}`, label: `Lose site ${site.name}`, command: siteLossCommand(site.id), danger: true };
    items.push({ id: 'disaster', label: 'Disaster', children: [entry] });
  }
  return items;
}

interface ComponentGroup {
  /** The word after Fail / Repair: HBA, port, controller, disk, drive, switch … */
  noun: string;
  /** A whole device: one Fail / Repair entry. */
  single?: FaultComponent;
  /** Otherwise the submenu's leaves (a leaf may itself hold leaves: disks by parity group). */
  leaves: Leaf[];
}

interface Leaf {
  label: string;
  component?: FaultComponent;
  leaves?: Leaf[];
}

/** What of device `d` can fail, grouped as the menu shows it. */
function componentsOf(t: Topology, d: Device): ComponentGroup[] {
  const fc = d.ports.filter((p) => p.kind === 'fc');
  const port = (id: string): Leaf => ({ label: id, component: { kind: 'port', deviceId: d.id, portId: id } });
  switch (d.kind) {
    case 'server':
      return fc.length > 0 ? [{ noun: 'HBA', leaves: fc.map((p) => port(p.id)) }] : [];
    case 'fcSwitch':
    case 'fcHub':
    case 'bridge': {
      const cabled = new Set(t.links.flatMap((l) => [l.a, l.b]).filter((e) => e.deviceId === d.id).map((e) => e.portId));
      const ports = fc.filter((p) => cabled.has(p.id));
      const whole: ComponentGroup = { noun: DEVICE_FAULT_NAME[d.kind]!, single: { kind: 'device', deviceId: d.id }, leaves: [] };
      return ports.length > 0 && d.kind !== 'bridge' ? [whole, { noun: 'port', leaves: ports.map((p) => port(p.id)) }] : [whole];
    }
    case 'array': {
      const groups: ComponentGroup[] = [];
      if (fc.length > 0) {
        groups.push({ noun: 'port', leaves: fc.map((p) => port(p.id)) });
        groups.push({ noun: 'controller', leaves: controllersOf(fc.map((p) => p.id)).map((n) => ({ label: `CL${n}`, component: { kind: 'controller', arrayId: d.id, controller: n } })) });
      }
      const pgs = d.parityGroups.map((pg) => ({
        label: pg.id,
        leaves: Array.from({ length: pg.diskCount }, (_, i): Leaf => ({ label: `disk ${i}`, component: { kind: 'disk', arrayId: d.id, parityGroupId: pg.id, disk: i } })),
      }));
      if (pgs.length > 0) groups.push({ noun: 'disk', leaves: pgs });
      return groups;
    }
    case 'tapeLibrary':
    case 'dvdLibrary':
      return [{ noun: 'drive', leaves: Array.from({ length: d.driveCount }, (_, i) => ({ label: `drive ${i}`, component: { kind: 'tapeDrive', libraryId: d.id, drive: i } })) }];
    default:
      return [];
  }
}

/** Controller numbers of an array's ports, ascending: `CLn-…` → n, anything else → 1. */
export function controllersOf(portIds: readonly string[]): number[] {
  const set = new Set(portIds.map(portController));
  return [...set].filter((n) => n >= 1 && n <= 8).sort((a, b) => a - b);
}

function toggle(c: FaultComponent, active: ReadonlySet<string>, noun: string): MenuItem {
  const failed = active.has(faultKey(c));
  return { id: `${failed ? 'repair' : 'fail'}:${faultKey(c)}`, label: `${failed ? 'Repair' : 'Fail'} ${noun}`, command: faultCommand(c, !failed) };
}

/** "Fail <noun> ▸" with the working leaves and "Repair <noun> ▸" with the failed ones (each omitted when empty). */
function split(noun: string, leaves: Leaf[], active: ReadonlySet<string>): MenuItem[] {
  const build = (failed: boolean, list: Leaf[], path: string): MenuItem[] =>
    list.flatMap((leaf): MenuItem[] => {
      if (leaf.leaves) {
        const children = build(failed, leaf.leaves, `${path}/${leaf.label}`);
        return children.length > 0 ? [{ id: `${path}/${leaf.label}`, label: leaf.label, children }] : [];
      }
      const c = leaf.component!;
      if (active.has(faultKey(c)) !== failed) return [];
      return [{ id: `${failed ? 'repair' : 'fail'}:${faultKey(c)}`, label: leaf.label, command: faultCommand(c, !failed) }];
    });
  const out: MenuItem[] = [];
  const fail = build(false, leaves, `fail-${noun}`);
  if (fail.length > 0) out.push({ id: `fail-${noun}`, label: `Fail ${noun}`, children: fail });
  const repair = build(true, leaves, `repair-${noun}`);
  if (repair.length > 0) out.push({ id: `repair-${noun}`, label: `Repair ${noun}`, children: repair });
  return out;
}
