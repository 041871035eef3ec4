/**
 * HDLM's command line on the servers: `dlnkmgr view -path` and `dlnkmgr view -lu`, the way a
 * storage administrator checks a host's multipath, parsed and run against the engine's multipath
 * status (`CciContext.faults`).
 *
 * Owns: the syntax (`dlnkmgr view -path | -lu [-hostname <server>] [-hdev <HDevName>]`,
 * `dlnkmgr help`), choosing the hosts (`-hostname`: one server; without it every server that has
 * paths, each block after a `HostName:` line), and the refusals, which never reach the engine:
 * an operation other than view / help, view without exactly one of -path / -lu, an unknown or
 * repeated parameter, a missing value, a `-hostname` that is not a server, a `-hdev` that names
 * no device of the hosts, and a console that cannot read the status. Errors print
 * `dlnkmgr: <what is wrong>` and exit 1 (HDLM's KAPL message ids are not imitated for errors).
 *
 * `-hostname` is SANdbox's: HDLM runs on the host it reports on; the console reaches every
 * server. Read-only: records no action. Does not handle the mapping (dlnkmgr-view.ts) or the
 * layouts (dlnkmgr-format.ts).
 */
import type { FaultStatus } from '../engine/api.ts';
import type { Topology } from '../model/topology.ts';
import type { CciContext, CciOutput } from './execute.ts';
import { formatViewLu, formatViewPath } from './dlnkmgr-format.ts';
import { hdlmHosts, serversWithPaths, type HdlmHost } from './dlnkmgr-view.ts';
import { tokenize } from './tokenize.ts';

export const DLNKMGR_USAGE = 'dlnkmgr view -path | -lu [-hostname <server>] [-hdev <HDevName>]';

export type DlnkmgrCommand = { kind: 'help' } | { kind: 'view'; object: 'path' | 'lu'; hostname: string | null; hdev: string | null };

export type DlnkmgrParse = { ok: true; command: DlnkmgrCommand } | { ok: false; message: string };

const ok = (stdout: string): CciOutput => ({ exitCode: 0, stdout, stderr: '', actions: [] });
const failed = (message: string): CciOutput => ({ exitCode: 1, stdout: '', stderr: `dlnkmgr: ${message}\n`, actions: [] });

/** HDLM view parameters SANdbox does not show. */
const UNSUPPORTED_VIEW = new Set(['-sys', '-drv', '-hba', '-cha', '-item', '-c', '-pstv', '-vstv', '-srt', '-t', '-stname', '-iem', '-lbpathusetimes']);

function parseView(args: readonly string[]): DlnkmgrParse {
  let object: 'path' | 'lu' | null = null;
  const values: Record<'-hostname' | '-hdev', string | null> = { '-hostname': null, '-hdev': null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-path' || a === '-lu') {
      if (object !== null) return { ok: false, message: `view: specify one of -path and -lu (usage: ${DLNKMGR_USAGE})` };
      object = a === '-path' ? 'path' : 'lu';
    } else if (a === '-hostname' || a === '-hdev') {
      if (values[a] !== null) return { ok: false, message: `view: ${a} is given twice` };
      const v = args[i + 1];
      if (v === undefined || v.startsWith('-')) return { ok: false, message: `view: ${a} needs a value (usage: ${DLNKMGR_USAGE})` };
      values[a] = v;
      i++;
    } else if (UNSUPPORTED_VIEW.has(a)) {
      return { ok: false, message: `view: ${a} is not supported by SANdbox (usage: ${DLNKMGR_USAGE})` };
    } else {
      return { ok: false, message: `view: unknown parameter "${a}" (usage: ${DLNKMGR_USAGE})` };
    }
  }
  if (object === null) return { ok: false, message: `view: specify -path or -lu (usage: ${DLNKMGR_USAGE})` };
  return { ok: true, command: { kind: 'view', object, hostname: values['-hostname'], hdev: values['-hdev'] } };
}

/** Parses `line` when it is a dlnkmgr command; null otherwise (another parser takes it). */
export function parseDlnkmgrLine(line: string): DlnkmgrParse | null {
  if (!/^\s*dlnkmgr(\s|$)/i.test(line)) return null;
  const words = tokenize(line);
  if (!words.ok) return { ok: false, message: words.message };
  const [, operation, ...args] = words.words;
  if (operation === undefined) return { ok: false, message: `an operation is required (usage: ${DLNKMGR_USAGE})` };
  const op = operation.toLowerCase();
  if (op === 'help' || op === '-h' || op === '--help') return { ok: true, command: { kind: 'help' } };
  if (op === 'view') return parseView(args);
  const real = ['online', 'offline', 'set', 'clear', 'monitor', 'add', 'delete', 'refresh'].includes(op);
  return { ok: false, message: `${real ? `the ${op} operation is not supported by SANdbox` : `unknown operation "${operation}"`} (usage: ${DLNKMGR_USAGE})` };
}

function listOf(ids: readonly string[]): string {
  return ids.length === 0 ? 'none' : ids.join(', ');
}

/** The hosts to show, or why the -hostname / -hdev do not fit. */
function chooseHosts(topology: Topology, status: FaultStatus, hostname: string | null, hdev: string | null): HdlmHost[] | string {
  const servers = topology.devices.filter((d) => d.kind === 'server');
  if (hostname !== null && !servers.some((d) => d.id === hostname)) {
    const hit = topology.devices.find((d) => d.id === hostname);
    const what = hit === undefined ? `no server "${hostname}"` : `${hostname} is a ${hit.kind}, not a server`;
    return `view: ${what} (servers: ${listOf(servers.map((d) => d.id))})`;
  }
  const hosts = hdlmHosts(topology, status, hostname === null ? serversWithPaths(topology, status) : [hostname]);
  if (hdev === null) return hosts;
  const chosen = hosts.map((h) => ({ ...h, paths: h.paths.filter((p) => p.hDevName === hdev) })).filter((h) => h.paths.length > 0);
  if (chosen.length > 0) return chosen;
  const devices = [...new Set(hosts.flatMap((h) => h.paths.map((p) => p.hDevName)))].sort();
  return `view: no HDLM device "${hdev}" on ${hostname ?? 'any server'} (devices: ${listOf(devices)})`;
}

/** Runs a parsed dlnkmgr command. */
export async function runDlnkmgr(c: DlnkmgrCommand, ctx: CciContext): Promise<CciOutput> {
  if (c.kind === 'help') return ok(`usage: ${DLNKMGR_USAGE}\n`);
  if (ctx.faults === undefined) return failed("view: this console cannot read the hosts' path status (its engine has no multipath status)");
  const status = await ctx.faults();
  const hosts = chooseHosts(ctx.topology, status, c.hostname, c.hdev);
  if (typeof hosts === 'string') return failed(hosts);
  const named = c.hostname === null;
  return ok(c.object === 'path' ? formatViewPath(hosts, ctx.nowS(), named) : formatViewLu(ctx.topology, hosts, ctx.nowS(), named));
}

/** Parses and runs `line` when it is a dlnkmgr command; null otherwise. */
export async function runDlnkmgrLine(line: string, ctx: CciContext): Promise<CciOutput | null> {
  const parsed = parseDlnkmgrLine(line);
  if (parsed === null) return null;
  return parsed.ok ? runDlnkmgr(parsed.command, ctx) : failed(parsed.message);
}
