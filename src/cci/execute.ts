/**
 * The console's entry point: `runCci(line, ctx)` parses one CCI line and runs it against a
 * simulation through `CciContext` (the browser's worker bridge or the CLI's in-process engine).
 *
 * Owns: checking a parsed command against the topology (EX_ENOGRP, EX_ENODEV, EX_ENOOBJ,
 * -pid), turning it into a scenario `Action`, passing the engine's verdict through
 * (`CommandResult.code` and `message`), and the output of the read-only commands.
 * Invariants: a line that does not parse, or names a group, device or LDEV the topology lacks,
 * never calls `apply`; `actions` lists exactly the actions the engine accepted and that changed
 * something (a redundant command exits 0 and records nothing). Errors thrown by the context
 * (e.g. the browser's AbortError) propagate unchanged.
 * The tape, backup, runbook and SAN-manager commands (`mtx`, `backup`, `runbook` …) are parsed
 * and run by backup-parse.ts / backup-execute.ts under the same rules; the remote-copy options
 * and the journal commands (`raidvchkscan -v jnl`, `raidcom get journal`) are checked and run by
 * remote-parse.ts / remote-execute.ts. The Fabric OS zoning commands (`login`, `zonecreate`,
 * `cfgenable`, `cfgshow` …) are parsed and run by src/fabric-os (session.ts) in the context's
 * `fabricOs` session. The array-side LUN security commands (`raidcom add|delete host_grp | lun`,
 * `raidcom get host_grp | hba_wwn | lun`) are parsed and run by raidcom-lun-parse.ts /
 * raidcom-lun.ts; every CCI command reads LUN security through the context's `lunSecurity`
 * overlay (raidcom-lun-view.ts), which records the accepted run-time changes. HDLM's
 * `dlnkmgr view -path | -lu` (a server's multipath) is parsed and run by dlnkmgr.ts over the
 * context's `faults`; the switch port commands (`switchshow`, `portdisable` …) by
 * src/fabric-os/ports*.ts in the FOS session.
 */
import type { BackupStatus, CommandResult, FaultStatus, PairStatus, RemoteStatus, ReplicationStatus } from '../engine/api.ts';
import type { Action } from '../model/scenario.ts';
import type { CopyGroup, CopyGroupDevice, HostGroup, LuPath, Topology, Zoning } from '../model/topology.ts';
import { runFosLine, sharedFosSession, type FosSession } from '../fabric-os/session.ts';
import { runBackupCommand } from './backup-execute.ts';
import { parseBackupLine } from './backup-parse.ts';
import { codeInfo, formatFailure, type CciFailure } from './codes.ts';
import { helpText } from './commands.ts';
import { runDlnkmgrLine } from './dlnkmgr.ts';
import { formatPairDisplay, formatPools, formatSnapshots, formatVolstat, pairOf } from './format.ts';
import { parseLine, type CciCommand, type PairTarget } from './parse.ts';
import { checkRemoteOnly, remoteCreateFields, remoteOrNull, runJournals, type RemoteCreateFields } from './remote-execute.ts';
import { formatRemotePairDisplay, isRemoteKind } from './remote-format.ts';
import { parseRemoteLine } from './remote-parse.ts';
import { currentTopology, lunSessionOf, runLunCommand } from './raidcom-lun.ts';
import { parseLunLine } from './raidcom-lun-parse.ts';
import { rememberLunActions, type LunSession } from './raidcom-lun-view.ts';
import { arraysOf, findGroup, findLdev } from './topology-view.ts';
import { sleepFor, waitForStatus } from './wait.ts';

export { CCI_COMMANDS, type CciCommandInfo } from './commands.ts';

export interface CciContext {
  /** Copy groups (topology.copyGroups), arrays, LU paths. */
  topology: Topology;
  /** Simulated seconds now. */
  nowS(): number;
  apply(action: Action): Promise<CommandResult>;
  replication(): Promise<ReplicationStatus>;
  /**
   * Libraries, jobs, catalog, runbooks and the SAN manager's schedule now (the tape and backup
   * commands, backup-*.ts). Optional so contexts written before tape support still type-check;
   * without it those commands fail with EX_CMDRJE.
   */
  backup?(): Promise<BackupStatus>;
  /**
   * WAN links, remote groups and their journals now (`Simulation.remoteStatus()`; the journal
   * commands and pairdisplay's AP column). Optional as `backup`: without it the journal commands
   * fail with EX_CMDRJE and AP prints `-`.
   */
  remote?(): Promise<RemoteStatus>;
  /**
   * Active faults and every server's paths now (`Simulation.faultStatus()`): HDLM's `dlnkmgr
   * view` and the switch's `switchshow` / `portshow` read it. Optional as `remote`: without it
   * dlnkmgr refuses to run and the switch shows every cabled port as the design has it.
   */
  faults?(): Promise<FaultStatus>;
  /** Let simulated time pass by up to `seconds`; resolves when the clock moved (or the run ended: then nowS() stops growing). */
  advance(seconds: number): Promise<void>;
  /**
   * The Fabric OS session (the switch logged in to, the open zoning transaction), kept by the
   * caller across lines. Optional: without it the process-wide `sharedFosSession` is used.
   */
  fabricOs?: FosSession;
  /**
   * Write a switch's zoning database into the design (an undoable edit). Optional: without it a
   * committed zoning change (cfgsave, cfgenable, cfgdisable) reaches the simulation only, as the
   * action `setZoning`.
   */
  setDesignZoning?(switchId: string, zoning: Zoning): boolean;
  /**
   * The LUN security changes made to the running simulation (raidcom-lun-view.ts), kept by the
   * caller across lines. Optional: without it the process-wide `sharedLunSession` is used.
   */
  lunSecurity?: LunSession;
  /**
   * Write an array's host groups and LU paths into the design (an undoable edit) when no run is
   * underway; returns whether it did. Optional: without it (or when it returns false) `raidcom
   * add|delete host_grp | lun` reach the simulation only, as setHostGroup / setLuPath.
   */
  setDesignLunSecurity?(arrayId: string, hostGroups: HostGroup[], luPaths: LuPath[]): boolean;
}

export interface CciOutput {
  /** 0 ok; CCI-like non-zero on error. */
  exitCode: number;
  /** What the command prints (pairdisplay table …). */
  stdout: string;
  /** Error text, e.g. "pairsplit: [EX_INVSTP] Invalid pair status\n  VG01/dev1: ...". */
  stderr: string;
  /** State-changing commands that were accepted: the scenario actions they correspond to (for recording), in order. */
  actions: Action[];
}

const ok = (stdout = '', actions: Action[] = []): CciOutput => ({ exitCode: 0, stdout, stderr: '', actions });

function failed(command: string, failure: CciFailure): CciOutput {
  return { exitCode: codeInfo(failure.code).exitCode, stdout: '', stderr: formatFailure(command, failure), actions: [] };
}

// ---------------------------------------------------------------- addressing

interface Resolved {
  group: CopyGroup;
  devices: CopyGroupDevice[];
}

const list = (names: string[]): string => names.join(', ');

function resolve(topology: Topology, t: PairTarget): Resolved | CciFailure {
  const group = findGroup(topology, t.group);
  if (group === undefined) {
    const known = topology.copyGroups.map((g) => g.id);
    const hint = known.length === 0 ? 'this topology has no copy groups' : `groups: ${list(known)}`;
    return { code: 'EX_ENOGRP', detail: `no group "${t.group}" (${hint})` };
  }
  if (t.device === undefined) return { group, devices: group.devices };
  const device = group.devices.find((d) => d.name === t.device);
  if (device === undefined) {
    return { code: 'EX_ENODEV', detail: `group ${group.id} has no device "${t.device}" (devices: ${list(group.devices.map((d) => d.name))})` };
  }
  return { group, devices: [device] };
}

const isFailure = (r: Resolved | CciFailure): r is CciFailure => 'code' in r;

function pairsOf(status: ReplicationStatus, r: Resolved): PairStatus[] {
  return r.devices.map((d) => pairOf(status, r.group, d));
}

// ---------------------------------------------------------------- state-changing commands

async function applyAction(command: string, action: Action, ctx: CciContext): Promise<CciOutput> {
  const result = await ctx.apply(action);
  if (!result.ok) return failed(command, { code: result.code ?? 'EX_CMDRJE', detail: result.message });
  if (result.redundant === true) return ok(`${command}: ${result.message ?? 'nothing to do'}\n`);
  return ok('', [action]);
}

/** -pid must name the snapshot group's pool (by id or name). */
function checkPool(topology: Topology, group: CopyGroup, pid: string): CciFailure | null {
  if (group.kind !== 'snapshot') return { code: 'EX_INVARG', detail: `-pid is for snapshot groups; ${group.id} is a ${group.kind} group` };
  const pool = arraysOf(topology)
    .flatMap((a) => a.pools)
    .find((p) => p.id === group.poolId);
  if (pid === group.poolId || (pool !== undefined && pid === pool.name)) return null;
  return { code: 'EX_INVARG', detail: `-pid ${pid}: group ${group.id} uses pool ${group.poolId ?? '(none)'}` };
}

type PairCommand = Extract<CciCommand, { kind: 'paircreate' | 'pairsplit' | 'pairsuspend' | 'pairdelete' | 'pairtakeover' | 'pairresync' }>;

function pairAction(c: PairCommand, remote: RemoteCreateFields): Action {
  const ref = c.target.device === undefined ? { group: c.target.group } : { group: c.target.group, device: c.target.device };
  switch (c.kind) {
    case 'paircreate':
      return { type: 'pairCreate', ...ref, pace: c.pace, split: c.split, ...remote };
    case 'pairsplit':
      return { type: 'pairSplit', ...ref, mode: c.mode, access: c.access };
    case 'pairtakeover':
      return { type: 'pairSplit', ...ref, mode: 'steady', access: 'rw', takeover: true };
    case 'pairsuspend':
      return { type: 'pairSuspend', ...ref };
    case 'pairdelete':
      return { type: 'pairDelete', ...ref };
    case 'pairresync': {
      const swap = c.swap ? { swap: true } : {};
      return c.pace === null ? { type: 'pairResync', ...ref, restore: c.restore, ...swap } : { type: 'pairResync', ...ref, restore: c.restore, pace: c.pace, ...swap };
    }
  }
}

const COMMAND_NAME: Record<PairCommand['kind'], string> = {
  paircreate: 'paircreate',
  pairsplit: 'pairsplit',
  pairsuspend: 'pairsplit',
  pairdelete: 'pairsplit',
  pairtakeover: 'pairsplit',
  pairresync: 'pairresync',
};

/** What the group's kind says about the command's options: the remote fields, or a refusal. */
function checkOptions(c: PairCommand, topology: Topology, group: CopyGroup): RemoteCreateFields | CciFailure {
  if (c.kind === 'paircreate') {
    const bad = c.poolId === null ? null : checkPool(topology, group, c.poolId);
    return bad ?? remoteCreateFields(topology, group, c.remote);
  }
  if (c.kind === 'pairtakeover') return checkRemoteOnly(group, '-RS') ?? {};
  if (c.kind === 'pairresync' && c.swap) return checkRemoteOnly(group, '-swaps') ?? {};
  return {};
}

async function runPairCommand(c: PairCommand, ctx: CciContext): Promise<CciOutput> {
  const name = COMMAND_NAME[c.kind];
  const r = resolve(ctx.topology, c.target);
  if (isFailure(r)) return failed(name, r);
  const fields = checkOptions(c, ctx.topology, r.group);
  if ('code' in fields) return failed(name, fields);
  return applyAction(name, pairAction(c, fields), ctx);
}

async function setReadOnly(ldevId: string, readOnly: boolean, ctx: CciContext): Promise<CciOutput> {
  if (findLdev(ctx.topology, ldevId) === null) return failed('raidcom', { code: 'EX_ENOOBJ', detail: `no LDEV "${ldevId}" in this topology` });
  return applyAction('raidcom', { type: 'setReadOnly', ldevId, readOnly }, ctx);
}

// ---------------------------------------------------------------- read-only commands

type DisplayCommand = Extract<CciCommand, { kind: 'pairdisplay' }>;

async function pairdisplay(c: DisplayCommand, ctx: CciContext): Promise<CciOutput> {
  const r = resolve(ctx.topology, c.target);
  if (isFailure(r)) return failed('pairdisplay', r);
  const pairs = pairsOf(await ctx.replication(), r);
  if (!isRemoteKind(r.group.kind) && !c.showRemote) return ok(formatPairDisplay(ctx.topology, pairs, { showPct: c.showPct, localOnly: c.localOnly }));
  const status = c.showRemote ? await remoteOrNull(ctx) : null;
  return ok(formatRemotePairDisplay(ctx.topology, r.group, pairs, c, status));
}

type WaitCommand = Extract<CciCommand, { kind: 'pairevtwait' }>;

async function pairevtwait(c: WaitCommand, ctx: CciContext): Promise<CciOutput> {
  const r = resolve(ctx.topology, c.target);
  if (isFailure(r)) return failed('pairevtwait', r);
  const failure = await waitForStatus(ctx, { pairsOf: (s) => pairsOf(s, r), statuses: c.statuses, timeoutS: c.timeoutS });
  return failure === null ? ok() : failed('pairevtwait', failure);
}

type VolchkCommand = Extract<CciCommand, { kind: 'pairvolchk' }>;

/** One device: its status; a whole group: the common status, or EX_ENQVOL when they differ. */
async function pairvolchk(c: VolchkCommand, ctx: CciContext): Promise<CciOutput> {
  const r = resolve(ctx.topology, c.target);
  if (isFailure(r)) return failed('pairvolchk', r);
  const pairs = pairsOf(await ctx.replication(), r);
  const lines = new Set(pairs.map((p) => formatVolstat(p, c.svol)));
  if (lines.size > 1) {
    const states = pairs.map((p) => `${p.key} ${c.svol ? p.svolState : p.state}`);
    return failed('pairvolchk', { code: 'EX_ENQVOL', detail: `${list(states)} (use -d <device>)` });
  }
  return ok(formatVolstat(pairs[0], c.svol));
}

async function getSnapshot(group: string | null, ctx: CciContext): Promise<CciOutput> {
  if (group !== null) {
    const r = resolve(ctx.topology, { group });
    if (isFailure(r)) return failed('raidcom', r);
  }
  const pairs = (await ctx.replication()).pairs.filter((p) => p.kind === 'snapshot' && (group === null || p.group === group));
  return ok(formatSnapshots(ctx.topology, pairs));
}

function help(topic: string | null): CciOutput {
  const text = helpText(topic);
  return text === null ? failed('help', { code: 'EX_UNWCMD', detail: `no command "${topic}" (type help)` }) : ok(text);
}

// ---------------------------------------------------------------- dispatch

async function execute(c: CciCommand, ctx: CciContext): Promise<CciOutput> {
  switch (c.kind) {
    case 'none':
      return ok();
    case 'help':
      return help(c.topic);
    case 'sleep':
      await sleepFor(ctx, c.seconds);
      return ok();
    case 'paircreate':
    case 'pairsplit':
    case 'pairsuspend':
    case 'pairdelete':
    case 'pairtakeover':
    case 'pairresync':
      return runPairCommand(c, ctx);
    case 'pairdisplay':
      return pairdisplay(c, ctx);
    case 'pairevtwait':
      return pairevtwait(c, ctx);
    case 'pairvolchk':
      return pairvolchk(c, ctx);
    case 'getPool':
      return ok(formatPools(ctx.topology, (await ctx.replication()).pools));
    case 'getSnapshot':
      return getSnapshot(c.group, ctx);
    case 'setReadOnly':
      return setReadOnly(c.ldevId, c.readOnly, ctx);
  }
}

/** `ctx`, or (when the console changed LUN security at run time) `ctx` reading the current state. */
function withLunView(ctx: CciContext): CciContext {
  if (currentTopology(ctx) === ctx.topology) return ctx;
  return Object.create(ctx, { topology: { get: () => currentTopology(ctx) } }) as CciContext;
}

/** Parses and runs ONE console line. Blank lines and `#` comments: exit 0, no output. */
export async function runCci(line: string, ctx: CciContext): Promise<CciOutput> {
  const fos = await runFosLine(line, ctx, ctx.fabricOs ?? sharedFosSession);
  if (fos !== null) return fos;
  const out = await runCciLine(line, withLunView(ctx));
  rememberLunActions(lunSessionOf(ctx), ctx.topology, ctx.nowS(), out.actions);
  return out;
}

async function runCciLine(line: string, ctx: CciContext): Promise<CciOutput> {
  const hdlm = await runDlnkmgrLine(line, ctx);
  if (hdlm !== null) return hdlm;
  const lun = parseLunLine(line);
  if (lun !== null) {
    if (!lun.ok) return failed(lun.name, lun.failure);
    return lun.command.kind === 'help' ? help(lun.command.topic) : runLunCommand(lun.command, ctx);
  }
  const tape = parseBackupLine(line);
  if (tape !== null) {
    if (!tape.ok) return failed(tape.name, tape.failure);
    return tape.command.kind === 'help' ? help(tape.command.topic) : runBackupCommand(tape.command, ctx);
  }
  const journals = parseRemoteLine(line);
  if (journals !== null) {
    if (!journals.ok) return failed(journals.name, journals.failure);
    return journals.command.kind === 'help' ? help(journals.command.topic) : runJournals(journals.command, ctx);
  }
  const parsed = parseLine(line);
  if (!parsed.ok) return failed(parsed.name, parsed.failure);
  return execute(parsed.command, ctx);
}
