/**
 * The catalogue entries of the tape, backup, runbook and SAN-manager commands (usage line and
 * one-line summary), listed by `help` and used by autocompletion; commands.ts puts them
 * between the pair commands and `sleep` / `help`. docs/console.md repeats the usage lines.
 */
import type { CciCommandInfo } from './commands.ts';

export const BACKUP_COMMANDS: readonly CciCommandInfo[] = [
  {
    name: 'raidcom add hba_wwn',
    usage: 'raidcom add hba_wwn -port <port>-<host group> -hba_wwn <wwpn> [-I<array>]',
    summary: "Let a server's HBA (WWPN) reach the LUs of a host group (LUN security).",
  },
  {
    name: 'raidcom delete hba_wwn',
    usage: 'raidcom delete hba_wwn -port <port>-<host group> -hba_wwn <wwpn> [-I<array>]',
    summary: 'Remove a WWPN from a host group: that HBA no longer reaches its LUs.',
  },
  {
    name: 'mtx',
    usage: 'mtx -l <library> status | load <slot> [<drive>] | unload [<slot>] [<drive>]',
    summary: "Show a library's drives and slots (mtx layout), or load / unload a cartridge.",
  },
  {
    name: 'backup',
    usage: 'backup <ldev> -l <library> -j <job> [-p lan|lan-free|server-less] [-s <server>] [-b <backup-server>] [-c <barcode> ...] [-v <group>[/<device>]]',
    summary: 'Back an LDEV up to tape; -v names the pair whose split image the tape must equal.',
  },
  {
    name: 'restore',
    usage: 'restore <job> -t <ldev> -j <newjob> [-p lan|lan-free|server-less] [-s <server>] [-b <backup-server>]',
    summary: 'Restore a backup from the catalog onto an LDEV, verified against the catalog digests.',
  },
  { name: 'jobs', usage: 'jobs [<job>]', summary: 'List the backup, restore and copy jobs, or show one job in full.' },
  { name: 'catalog', usage: 'catalog', summary: 'List the images on tape: source, image time, cartridges, digest, verification.' },
  { name: 'vol mount', usage: 'vol mount <server> <ldev> [-r]', summary: 'Mount a volume on a server (-r read only).' },
  { name: 'vol unmount', usage: 'vol unmount <server> <ldev>', summary: 'Unmount a volume from a server.' },
  {
    name: 'db backup-mode',
    usage: 'db backup-mode <server> begin|end',
    summary: "Put a server's database in backup mode (writes held in memory) or take it out (held writes flushed).",
  },
  { name: 'runbook list', usage: 'runbook list', summary: 'List the runbooks with their state and current step.' },
  { name: 'runbook show', usage: 'runbook show <runbook>', summary: "Show a runbook's steps: state, start, duration and what each changed." },
  { name: 'runbook start', usage: 'runbook start <runbook>', summary: 'Start a runbook.' },
  { name: 'runbook pause', usage: 'runbook pause <runbook> [--before <step>]', summary: 'Pause a runbook now, or before the given step number.' },
  { name: 'runbook resume', usage: 'runbook resume <runbook>', summary: 'Resume a paused runbook.' },
  { name: 'runbook step', usage: 'runbook step <runbook>', summary: 'Run the next step of a paused runbook, then pause again.' },
  { name: 'policy list', usage: 'policy list', summary: "List the SAN manager's backup policies." },
  {
    name: 'policy set',
    usage:
      'policy set <policy> -t <tenant> -d <ldev> -w <HH:MM> -h <hours> -l <library> [-m replica|direct] [-p lan|lan-free|server-less] [-s <server>] [-b <backup-server>] [-r <days>] [-f daily|weekly] [-D <weekday>] [-g <GiB>]',
    summary: 'Add or replace a backup policy (-h is the window length in hours here; --help for this usage).',
  },
  { name: 'policy run', usage: 'policy run <policy>', summary: 'Run a policy now, outside its window.' },
  { name: 'schedule', usage: 'schedule', summary: "Show the SAN manager's night: planned and actual times, drives, windows missed." },
];
