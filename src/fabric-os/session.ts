/**
 * The switch console: one Fabric OS session (which switch the console is logged in to, and the
 * open zoning transaction) and running one FOS line in it against a `CciContext`.
 *
 * Lifecycle of a zoning change (as on a Brocade switch):
 *
 *   committed ──edit──▶ transaction ──edit──▶ transaction ──cfgsave────▶ committed'
 *       ▲                    │                     │        └─cfgenable─▶ committed' (cfg effective)
 *       └──cfgtransabort / logout / login elsewhere┘
 *
 * - `committed` is the fabric's zoning database: that of its principal switch (model/zoning.ts
 *   `fabricZoning`), or an empty one on the logged-in switch when no switch of the fabric has one.
 * - Edits (alicreate, zonecreate, cfgadd, defzone --noaccess, cfgclear …) change the transaction
 *   only: `cfgshow` prints it as the defined configuration, while its effective part comes from
 *   `committed` — the fabric keeps enforcing the old zoning until cfgsave or cfgenable.
 * - A commit (cfgsave, cfgenable, cfgdisable) writes the database to the design when the context
 *   can (`setDesignZoning`) and applies `setZoning {switchId, zoning}` to the running simulation
 *   (recorded in `actions`). A commit the engine refuses leaves the transaction open.
 * The port commands (switchshow, portshow, portdisable, portenable) are parsed and run by
 * ports.ts on the logged-in switch; this file routes them and checks the login.
 * Simplification (documented in docs/console.md): the document keeps one definition per name,
 * so the effective zones are the effective configuration as committed — cfgsave of a change to a
 * zone of the effective configuration changes what is enforced (FOS would wait for cfgenable);
 * cfgsave says so when it happens.
 */
import type { CciContext, CciOutput } from '../cci/execute.ts';
import type { Action } from '../model/scenario.ts';
import type { DeviceOf, Topology, Zoning } from '../model/topology.ts';
import { effectiveZoneSets, fabricSwitches, fabricZoning } from '../model/zoning.ts';
import { EMPTY_ZONING, editZoning, type EditCommand } from './edit.ts';
import { formatCfgshow, formatDefzone, formatObjects } from './format.ts';
import { importCfgshow, importProblem } from './import.ts';
import { parseFosLine, type FosCommand } from './parse.ts';
import { parsePortLine, runPortCommand } from './ports.ts';

/** A zoning database and the switch that holds it. */
export interface SwitchZoning {
  switchId: string;
  zoning: Zoning;
}

export interface FosSession {
  /** The switch the console is logged in to (`login`); null: the CCI shell. */
  switchId: string | null;
  /** The open zoning transaction (the defined configuration being edited), or null. */
  transaction: SwitchZoning | null;
  /**
   * The last database committed to the simulation only (no design write), with the design's
   * database at that time: it stands for the fabric's zoning while the design has not changed.
   */
  applied: (SwitchZoning & { designZoning: Zoning | undefined }) | null;
}

export function createFosSession(): FosSession {
  return { switchId: null, transaction: null, applied: null };
}

/** The session of a caller that keeps none (`CciContext.fabricOs` absent): one per process. */
export const sharedFosSession: FosSession = createFosSession();

type FcSwitch = DeviceOf<'fcSwitch'>;

const ok = (stdout = '', actions: Action[] = []): CciOutput => ({ exitCode: 0, stdout, stderr: '', actions });
const failed = (verb: string, message: string): CciOutput => ({ exitCode: 1, stdout: '', stderr: `${verb}: ${message}\n`, actions: [] });

const switchesOf = (t: Topology): FcSwitch[] => t.devices.filter((d): d is FcSwitch => d.kind === 'fcSwitch');
const switchById = (t: Topology, id: string): FcSwitch | undefined => switchesOf(t).find((d) => d.id === id);

/** The prompt while logged in (`sw1:admin>`), or null in the CCI shell. */
export function fosPrompt(session: FosSession, t: Topology): string | null {
  const sw = session.switchId === null ? undefined : switchById(t, session.switchId);
  return sw === undefined ? null : `${sw.name}:admin>`;
}

/** The fabric's committed database (see the header). */
export function committedZoning(ctx: CciContext, session: FosSession, loggedIn: string): SwitchZoning {
  const t = ctx.topology;
  const a = session.applied;
  if (a !== null && fabricSwitches(t, loggedIn).includes(a.switchId) && switchById(t, a.switchId)?.zoning === a.designZoning) return a;
  return fabricZoning(t, loggedIn) ?? { switchId: loggedIn, zoning: EMPTY_ZONING };
}

function login(ref: string, ctx: CciContext, session: FosSession): CciOutput {
  const all = switchesOf(ctx.topology);
  const sw = all.find((d) => d.id === ref) ?? all.find((d) => d.name.toLowerCase() === ref.toLowerCase());
  if (sw === undefined) {
    const known = all.length === 0 ? 'this design has no FC switch' : `switches: ${all.map((d) => d.id).join(', ')}`;
    return failed('login', `no switch "${ref}" (${known})`);
  }
  const kept = session.transaction !== null && fabricSwitches(ctx.topology, sw.id).includes(session.transaction.switchId);
  const aborted = session.transaction !== null && !kept ? 'The open zoning transaction was aborted.\n' : '';
  session.switchId = sw.id;
  if (!kept) session.transaction = null;
  const principal = committedZoning(ctx, session, sw.id).switchId;
  const where = principal === sw.id ? 'this switch' : `the principal switch ${switchById(ctx.topology, principal)?.name ?? principal}`;
  return ok(`${aborted}Logged in to ${sw.name} (domain ID ${sw.domainId}); the fabric's zoning database is on ${where}.\n`);
}

function logout(session: FosSession): CciOutput {
  if (session.switchId === null) return failed('logout', 'not logged in to a switch');
  const aborted = session.transaction !== null ? 'The open zoning transaction was aborted.\n' : '';
  session.switchId = null;
  session.transaction = null;
  return ok(`${aborted}Logged out.\n`);
}

/** Whether the fabric enforces something else after the commit. */
const effectiveChanged = (before: Zoning, after: Zoning): boolean =>
  JSON.stringify(effectiveZoneSets(before)?.map((s) => [...s].sort())) !== JSON.stringify(effectiveZoneSets(after)?.map((s) => [...s].sort()));

/** Writes `next` to the simulation and (when the context can) the design; the accepted actions, or the refusal. */
async function commit(verb: string, ctx: CciContext, session: FosSession, next: SwitchZoning): Promise<{ actions: Action[]; note: string | null } | CciOutput> {
  const designZoning = switchById(ctx.topology, next.switchId)?.zoning;
  const action: Action = { type: 'setZoning', switchId: next.switchId, zoning: next.zoning };
  const result = await ctx.apply(action);
  // The design takes it only before a run starts; during a run the session remembers what it applied.
  const written = ctx.setDesignZoning?.(next.switchId, next.zoning) === true;
  if (!result.ok && !written) return failed(verb, `the fabric refused the zoning change: ${result.message ?? 'no reason given'}`);
  session.applied = written ? null : { ...next, designZoning };
  session.transaction = null;
  const note = result.ok ? null : `Note: the design has the new zoning; the running simulation refused it (${result.message ?? 'no reason given'}).`;
  return { actions: result.ok && result.redundant !== true ? [action] : [], note };
}

async function commitCommand(c: Extract<FosCommand, { kind: 'cfgsave' | 'cfgenable' | 'cfgdisable' }>, ctx: CciContext, session: FosSession, loggedIn: string): Promise<CciOutput> {
  const committed = committedZoning(ctx, session, loggedIn);
  const base = session.transaction ?? committed;
  if (c.kind === 'cfgsave' && session.transaction === null) return ok('Nothing changed: nothing to save, returning ...\n');
  const edited = c.kind === 'cfgsave' ? ({ ok: true, zoning: base.zoning, message: '' } as const) : editZoning(base.zoning, c);
  if (!edited.ok) return failed(c.kind, edited.message);
  const done = await commit(c.kind, ctx, session, { switchId: base.switchId, zoning: edited.zoning });
  if ('exitCode' in done) return done;
  const lines: string[] = [];
  if (c.kind === 'cfgenable') lines.push(`zone config "${edited.zoning.effectiveCfg}" is in effect`);
  if (c.kind === 'cfgsave' && edited.zoning.effectiveCfg !== undefined && effectiveChanged(committed.zoning, edited.zoning)) {
    lines.push(`Note: zones of the effective configuration "${edited.zoning.effectiveCfg}" changed; SANdbox enforces them now (Fabric OS would wait for cfgenable).`);
  }
  if (done.note !== null) lines.push(done.note);
  lines.push('Updating flash ...');
  return ok(`${lines.join('\n')}\n`, done.actions);
}

function edit(c: EditCommand, ctx: CciContext, session: FosSession, loggedIn: string, verb: string): CciOutput {
  const base = session.transaction ?? committedZoning(ctx, session, loggedIn);
  if (c.kind === 'defzone' && c.mode === 'show') return ok(formatDefzone(base.zoning, session.transaction !== null));
  const r = editZoning(base.zoning, c);
  if (!r.ok) return failed(verb, r.message);
  session.transaction = { switchId: base.switchId, zoning: r.zoning };
  return ok();
}

function show(c: Extract<FosCommand, { kind: 'show' }>, ctx: CciContext, session: FosSession, loggedIn: string): CciOutput {
  const committed = committedZoning(ctx, session, loggedIn);
  const defined = (session.transaction ?? committed).zoning;
  const verb = c.object === 'all' ? 'cfgshow' : c.object === 'zone' ? 'zoneshow' : 'alishow';
  if (c.pattern === null && c.object !== 'alias') return ok(formatCfgshow(defined, committed.zoning));
  const text = formatObjects(defined, c.object === 'all' ? 'cfg' : c.object, c.pattern ?? '*');
  return text === null ? failed(verb, `"${c.pattern ?? '*'}" does not exist.`) : ok(text);
}

function importText(text: string, ctx: CciContext, session: FosSession, loggedIn: string): CciOutput {
  const r = importCfgshow(text);
  if (!r.ok) return failed('cfgimport', importProblem(r));
  const base = session.transaction ?? committedZoning(ctx, session, loggedIn);
  session.transaction = { switchId: base.switchId, zoning: { ...r.zoning, defaultZone: base.zoning.defaultZone } };
  const z = r.zoning;
  const effective = z.effectiveCfg === undefined ? '' : ` with "${z.effectiveCfg}" effective`;
  return ok(`Imported ${z.aliases.length} aliases, ${z.zones.length} zones and ${z.cfgs.length} configurations into the transaction; cfgsave commits them${effective}.\n`);
}

function notLoggedIn(verb: string, t: Topology): CciOutput {
  const ids = switchesOf(t).map((d) => d.id);
  const hint = ids.length === 0 ? 'this design has no FC switch' : `switches: ${ids.join(', ')}`;
  return failed(verb, `not logged in to a switch: type login <switch> first (${hint})`);
}

/** The switch the session is logged in to; undefined (and the session reset) when none, or it left the design. */
function loggedInSwitch(ctx: CciContext, session: FosSession): FcSwitch | undefined {
  const sw = session.switchId === null ? undefined : switchById(ctx.topology, session.switchId);
  if (sw === undefined) {
    session.switchId = null;
    session.transaction = null;
  }
  return sw;
}

/** Runs one parsed FOS command in `session`; `verb` (as typed, lower case) names it in errors. */
export async function runFosCommand(c: FosCommand, ctx: CciContext, session: FosSession, verb: string): Promise<CciOutput> {
  if (c.kind === 'login') return login(c.switchRef, ctx, session);
  if (c.kind === 'logout') return logout(session);
  const loggedIn = loggedInSwitch(ctx, session)?.id;
  if (loggedIn === undefined) return notLoggedIn(verb, ctx.topology);
  switch (c.kind) {
    case 'cfgsave':
    case 'cfgenable':
    case 'cfgdisable':
      return commitCommand(c, ctx, session, loggedIn);
    case 'cfgtransabort':
      if (session.transaction === null) return failed('cfgtransabort', 'there is no outstanding zoning transaction');
      session.transaction = null;
      return ok();
    case 'show':
      return show(c, ctx, session, loggedIn);
    case 'cfgimport':
      return importText(c.text, ctx, session, loggedIn);
    default:
      return edit(c, ctx, session, loggedIn, verb);
  }
}

/** Runs `line` when it is a Fabric OS command; null otherwise (the CCI parser takes it). */
export async function runFosLine(line: string, ctx: CciContext, session: FosSession): Promise<CciOutput | null> {
  const port = parsePortLine(line);
  if (port !== null) {
    if (!port.ok) return failed(port.name, port.message);
    const sw = loggedInSwitch(ctx, session);
    if (sw === undefined) return notLoggedIn(port.verb, ctx.topology);
    return runPortCommand(port.command, ctx, sw, committedZoning(ctx, session, sw.id).zoning.effectiveCfg ?? null);
  }
  const parsed = parseFosLine(line);
  if (parsed === null) return null;
  if (!parsed.ok) return failed(parsed.name, parsed.message);
  return runFosCommand(parsed.command, ctx, session, parsed.verb);
}
