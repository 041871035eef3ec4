/**
 * The console's command catalogue: every command with its usage line and a one-line summary, for
 * `help`, autocompletion and docs/console.md (which repeats the same usage lines).
 *
 * Owns: the list and the help text built from it (the tape and backup commands' entries are in
 * backup-commands.ts, the Fabric OS switch commands' in src/fabric-os/commands.ts; the LUN security
 * commands are LUN_COMMANDS below; HDLM's `dlnkmgr view` takes its usage from dlnkmgr.ts). Does not
 * handle: parsing (parse.ts, backup-parse.ts, src/fabric-os/parse.ts).
 */

import { FOS_COMMANDS } from '../fabric-os/commands.ts';
import { BACKUP_COMMANDS } from './backup-commands.ts';
import { DLNKMGR_USAGE } from './dlnkmgr.ts';

export interface CciCommandInfo {
  /** What the user types first (`raidcom get pool` is three words). */
  name: string;
  usage: string;
  summary: string;
}

const PAIR_COMMANDS: readonly CciCommandInfo[] = [
  {
    name: 'paircreate',
    usage: 'paircreate -g <group> [-d <device>] [-vl|-vr] [-c <pace 1-15>] [-split] [-pid <pool>] [-f data|status|never | -f async [<CTG>] [-jp <id>] [-js <id>]]',
    summary: 'Create the pairs of a group (SMPL -> COPY -> PAIR; snapshot groups -> PAIR at once); remote groups need -f.',
  },
  {
    name: 'pairsplit',
    usage: 'pairsplit -g <group> [-d <device>] [-r|-rw] [-fq quick|normal] | -E | -S | -RS',
    summary: 'Split pairs (PAIR -> PSUS; snapshots: take the image); -E suspends (PSUE), -S deletes (SMPL), -RS takes the S-VOL over (SSWS).',
  },
  {
    name: 'pairresync',
    usage: 'pairresync -g <group> [-d <device>] [-restore | -swaps] [-c <pace 1-15>]',
    summary: 'Resynchronise split pairs P -> S (COPY(RS)), S -> P with -restore (COPY(RS-R)); -swaps reverses a taken-over remote pair.',
  },
  {
    name: 'pairdisplay',
    usage: 'pairdisplay -g <group> [-d <device>] [-fc] [-fx] [-fe] [-fcxe] [-l]',
    summary: 'Show the pairs of a group: two lines per pair, P-VOL (L) and S-VOL (R); -fc adds copy %, -fe the remote columns.',
  },
  {
    name: 'pairevtwait',
    usage: 'pairevtwait -g <group> [-d <device>] -s <status> [<status> ...] -t <timeout s>',
    summary: 'Wait (in simulated time) until every addressed pair is in one of the statuses.',
  },
  {
    name: 'pairvolchk',
    usage: 'pairvolchk -g <group> [-d <device>] [-s|-c]',
    summary: "Print a volume's attribute and status (P-VOL; with -s or -c the S-VOL).",
  },
  { name: 'raidcom get pool', usage: 'raidcom get pool', summary: 'List the snapshot pools with their use and warning threshold.' },
  {
    name: 'raidcom get snapshot',
    usage: 'raidcom get snapshot [-snapshotgroup <group>]',
    summary: 'List the snapshot pairs: group, device, P-VOL, MU#, status, preserved tracks, pool.',
  },
  {
    name: 'raidcom get journal',
    usage: 'raidcom get journal [-fx]',
    summary: 'List the journals of remote copy: state, use, Q-Marker, Q-CNT, capacity (as raidvchkscan -v jnl).',
  },
  {
    name: 'raidvchkscan',
    usage: 'raidvchkscan -v jnl|jnlt [<unit#>] [-s <Seq#|array>] [-fx]',
    summary: 'List the journals of remote copy (JID, CTG, JNLS, U(%), Q-Marker, Q-CNT …); jnlt shows the timers.',
  },
  {
    name: 'raidcom modify ldev',
    usage: 'raidcom modify ldev -ldev_id <ldev> -access_attribute read_only|read_write',
    summary: "Set or clear an LDEV's read-only attribute (host writes to it are rejected).",
  },
];

/** Array-side LUN security (raidcom-lun*.ts); `raidcom add|delete hba_wwn` is in backup-commands.ts. */
const LUN_COMMANDS: readonly CciCommandInfo[] = [
  {
    name: 'raidcom add host_grp',
    usage: 'raidcom add host_grp -port <port>[-<gid>] -host_grp_name <name> [-I<array>]',
    summary: 'Create a host group on an array port (its id is the name; without a GID the next free one).',
  },
  {
    name: 'raidcom delete host_grp',
    usage: 'raidcom delete host_grp -port <port>-<gid> | -port <port> <name> | -port <port> -host_grp_name <name> [-I<array>]',
    summary: 'Delete a host group with its LU paths.',
  },
  {
    name: 'raidcom add lun',
    usage: 'raidcom add lun -port <port>-<gid> | -port <port> [-host_grp_name] <name> -ldev_id <ldev> [-lun_id <lun 0-2047>] [-I<array>]',
    summary: 'Map an LDEV in a host group (an LU path); without -lun_id at the next free LUN of the group.',
  },
  {
    name: 'raidcom delete lun',
    usage: 'raidcom delete lun -port <port>-<gid> | -port <port> [-host_grp_name] <name> -lun_id <lun> | -ldev_id <ldev> [-I<array>]',
    summary: 'Remove an LU path from a host group, by LUN or by LDEV.',
  },
  { name: 'raidcom get host_grp', usage: 'raidcom get host_grp -port <port> [-I<array>]', summary: 'List the host groups of a port: GID, name, Seq#, host mode.' },
  {
    name: 'raidcom get hba_wwn',
    usage: 'raidcom get hba_wwn -port <port>-<gid> | -port <port> [-host_grp_name] <name> [-I<array>]',
    summary: 'List the WWPNs (HWWN) a host group admits.',
  },
  {
    name: 'raidcom get lun',
    usage: 'raidcom get lun -port <port>-<gid> | -port <port> [-host_grp_name] <name> [-I<array>]',
    summary: 'List the LU paths of a host group: LUN and LDEV.',
  },
];

export const CCI_COMMANDS: readonly CciCommandInfo[] = [
  ...PAIR_COMMANDS,
  ...LUN_COMMANDS,
  ...BACKUP_COMMANDS,
  ...FOS_COMMANDS,
  {
    name: 'dlnkmgr view',
    usage: DLNKMGR_USAGE,
    summary: "A server's multipath as HDLM shows it: -path lists its paths (Online, Offline(E) …, Own/Non, I/O counts), -lu the same by LU.",
  },
  { name: 'sleep', usage: 'sleep <seconds>', summary: 'Let simulated time pass, as a CCI shell script would.' },
  { name: 'help', usage: 'help [<command>]', summary: 'List the commands, or show the usage of one.' },
];

/** `help` (every command) or `help <topic>` (commands whose name starts with the topic), or null. */
export function helpText(topic: string | null): string | null {
  if (topic === null) {
    const width = Math.max(...CCI_COMMANDS.map((c) => c.name.length));
    const lines = CCI_COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
    return `Commands (help <command> for its options):\n${lines.join('\n')}\n`;
  }
  const t = topic.toLowerCase().trim();
  const hits = CCI_COMMANDS.filter((c) => c.name === t || c.name.startsWith(`${t} `));
  if (hits.length === 0) return null;
  return hits.map((c) => `usage: ${c.usage}\n  ${c.summary}\n`).join('');
}
