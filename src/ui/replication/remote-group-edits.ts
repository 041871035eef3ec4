/**
 * The copy groups editor's pure part for remote kinds (remote-sync, TrueCopy; remote-async,
 * Universal Replicator): the fence levels with one line each, the choices the pickers list —
 * S-VOLs in another site, journals of the P-VOLs' and the S-VOLs' arrays, libraries in another
 * site, WAN links — and the messages shown under the fields, taken from the model's
 * `design-rules-remote.ts` so the editor and the design-rules panel say the same thing.
 */
import { IssueList } from '../../model/design-issue.ts';
import { checkRemoteGroup, isRemoteKind, remoteContext } from '../../model/design-rules-remote.ts';
import type { CopyGroup, CopyGroupKind, DiskArray, Topology } from '../../model/topology.ts';

export interface Choice {
  value: string;
  label: string;
}

export type Fence = NonNullable<CopyGroup['fence']>;

export const isRemote = (kind: CopyGroupKind): boolean => isRemoteKind(kind);

/** What each fence level does when an update cannot reach the S-VOL (one line each, for people). */
export const FENCE_HELP: Record<Fence, string> = {
  data: 'Refuse the host write whenever the S-VOL cannot be updated: no write is lost, the host sees errors during a WAN outage.',
  status: 'Refuse the write only if the S-VOL cannot be marked suspended (the remote is unreachable); otherwise suspend and go on.',
  never: 'Always accept the write; the pair suspends and the bitmap records it for a later resync (writes after the failure are not at the remote).',
};

export const FENCE_OPTIONS: Choice[] = (['data', 'status', 'never'] as const).map((f) => ({
  value: f,
  label: { data: 'data — refuse writes the remote cannot get', status: 'status — refuse only if S-VOL cannot be marked', never: 'never — always accept, record in bitmap' }[f],
}));

function arraysOf(t: Topology): DiskArray[] {
  return t.devices.filter((d): d is DiskArray => d.kind === 'array');
}

function arrayOfLdev(t: Topology, ldevId: string | undefined): DiskArray | undefined {
  return ldevId === undefined ? undefined : arraysOf(t).find((a) => a.ldevs.some((l) => l.id === ldevId));
}

/** The array of the group's first P-VOL (the master journal's array). */
export function pvolArray(t: Topology, g: CopyGroup): DiskArray | undefined {
  return arrayOfLdev(t, g.devices[0]?.pvol);
}

/** The array of the group's first S-VOL (the restore journal's array). */
export function svolArray(t: Topology, g: CopyGroup): DiskArray | undefined {
  return arrayOfLdev(t, g.devices.find((d) => d.svol !== undefined)?.svol);
}

/** LDEV ids on arrays in a site other than the site of `pvol`'s array (every LDEV when `pvol` is unknown). */
export function otherSiteLdevIds(t: Topology, pvol: string): Set<string> {
  const home = arrayOfLdev(t, pvol);
  return new Set(arraysOf(t).flatMap((a) => (home && a.siteId === home.siteId ? [] : a.ldevs.map((l) => l.id))));
}

const mib = (n: number) => (n >= 1024 ? `${+(n / 1024).toFixed(1)} GiB` : `${n} MiB`);

/** Journals of array `arrayId`, labelled `JNL 0 · 10 GiB · Disk array 1`. */
export function journalChoices(t: Topology, arrayId: string | undefined): Choice[] {
  const a = arraysOf(t).find((x) => x.id === arrayId);
  return (a?.journals ?? []).map((j) => ({ value: String(j.id), label: `JNL ${j.id} · ${mib(j.capacityMiB)} · ${a?.name}` }));
}

/** Tape and DVD libraries in a site other than the P-VOLs' (all of them when the P-VOLs' array is unknown). */
export function libraryChoices(t: Topology, g: CopyGroup): Choice[] {
  const home = pvolArray(t, g);
  return t.devices
    .filter((d) => (d.kind === 'tapeLibrary' || d.kind === 'dvdLibrary') && d.siteId !== home?.siteId)
    .map((d) => ({ value: d.id, label: `${d.name} (${d.id}) · site ${d.siteId}` }));
}

/** Every WAN link, labelled with its bandwidth and distance. */
export function wanChoices(t: Topology): Choice[] {
  return t.devices.flatMap((d) => (d.kind === 'wanLink' ? [{ value: d.id, label: `${d.name} (${d.id}) · ${d.bandwidthMbps} Mbit/s · ${d.distanceKm} km` }] : []));
}

/** Error messages for the remote fields of a group. */
export type RemoteGroupIssues = Partial<Record<'fence' | 'consistencyGroup' | 'masterJournal' | 'restoreJournal' | 'wanLinkId' | 'targetLibraryId', string>>;

export interface RemoteIssues {
  group: RemoteGroupIssues;
  /** Per device index: an error for its S-VOL field. */
  devices: (string | undefined)[];
  /** Warnings (the run would start), each prefixed "Warning:", shown under the group's fields. */
  warnings: string[];
}

const AT = '@';
const GROUP_FIELDS = new Set(['fence', 'consistencyGroup', 'masterJournal', 'restoreJournal', 'wanLinkId', 'targetLibraryId']);

function append(prev: string | undefined, msg: string): string {
  return prev === undefined ? msg : `${prev}; ${msg}`;
}

/** The model's remote rules for `g`: errors placed under the editor's fields, warnings listed apart. */
export function remoteIssues(t: Topology, g: CopyGroup): RemoteIssues {
  const out: RemoteIssues = { group: {}, devices: g.devices.map(() => undefined), warnings: [] };
  if (!isRemote(g.kind)) return out;
  const list = new IssueList();
  checkRemoteGroup(t, g, AT, remoteContext(t), list);
  for (const issue of list.items) {
    // The field already says which group and device: drop the message's "copy group G: " / "G/d: ".
    const message = issue.message.replace(`copy group ${g.id}: `, '').replace(/^[^\s:]+\/[^\s:]+: /, '');
    if (issue.severity === 'warning') {
      out.warnings.push(`Warning: ${message}`);
      continue;
    }
    const text = message;
    const dev = /^@\.devices\[(\d+)\]\.svol$/.exec(issue.field);
    if (dev) {
      const i = Number(dev[1]);
      out.devices[i] = append(out.devices[i], text);
      continue;
    }
    const field = issue.field.startsWith(`${AT}.`) ? issue.field.slice(AT.length + 1) : 'wanLinkId';
    const key = (GROUP_FIELDS.has(field) ? field : 'wanLinkId') as keyof RemoteGroupIssues;
    out.group[key] = append(out.group[key], text);
  }
  return out;
}
