/**
 * The switch console's port commands on the logged-in switch: `switchshow`, `portshow <port>`,
 * `portdisable <port>` and `portenable <port>` (Brocade Fabric OS), parsed and run.
 *
 * Owns: the syntax (verbs case-insensitive; a port is its FOS number, 0 … n−1, as switchshow's
 * Port column and model/zoning.ts `switchPortNumber` count), and what the commands do:
 * - `portdisable N` / `portenable N` apply `setFault { component: { kind: 'port', deviceId:
 *   <switch>, portId }, failed: true | false }` to the running simulation (recorded in `actions`
 *   when accepted and not redundant); an unknown port or a malformed operand is refused before
 *   anything is applied; a redundant one prints the engine's note; a refusal its message;
 * - `switchshow` / `portshow` read the fault status (`CciContext.faults`) and print the ports as
 *   ports-state.ts derives them; without it they show the design's cabling with a note.
 * Errors print `<verb>: <what is wrong>` and exit 1, as the zoning commands' do (session.ts).
 *
 * Does not handle: logging in (session.ts checks it before calling here), slot/port numbering
 * of director blades, port names (`portname`), persistent disable (`portcfgpersistentdisable`).
 */
import type { CciContext, CciOutput } from '../cci/execute.ts';
import type { Action } from '../model/scenario.ts';
import type { Topology } from '../model/topology.ts';
import { fabricSwitches } from '../model/zoning.ts';
import { formatPortshow, formatSwitchshow } from './ports-format.ts';
import { portByNumber, switchState, type FcSwitch } from './ports-state.ts';

export type PortCommand = { kind: 'switchshow' } | { kind: 'portshow'; port: number } | { kind: 'portdisable'; port: number } | { kind: 'portenable'; port: number };

export type PortParse = { ok: true; verb: string; command: PortCommand } | { ok: false; name: string; message: string };

export const PORT_VERBS: readonly string[] = ['switchshow', 'portshow', 'portdisable', 'portenable'];

const ok = (stdout = '', actions: Action[] = []): CciOutput => ({ exitCode: 0, stdout, stderr: '', actions });
const failed = (verb: string, message: string): CciOutput => ({ exitCode: 1, stdout: '', stderr: `${verb}: ${message}\n`, actions: [] });

/** The port verb of `line` (lower case), or null. */
export function portVerb(line: string): string | null {
  const m = /^\s*([A-Za-z]+)(\s|$)/.exec(line);
  const verb = m?.[1].toLowerCase();
  return verb !== undefined && PORT_VERBS.includes(verb) ? verb : null;
}

/** Parses `line` when it is a port command; null otherwise. */
export function parsePortLine(line: string): PortParse | null {
  const verb = portVerb(line);
  if (verb === null) return null;
  const operands = line.trim().split(/\s+/).slice(1);
  if (verb === 'switchshow') return operands.length === 0 ? { ok: true, verb, command: { kind: 'switchshow' } } : { ok: false, name: verb, message: 'usage: switchshow (no operands)' };
  if (operands.length !== 1) return { ok: false, name: verb, message: `usage: ${verb} <port number>` };
  if (!/^\d{1,3}$/.test(operands[0])) return { ok: false, name: verb, message: `"${operands[0]}" is not a port number (switchshow lists them: 0, 1, …)` };
  return { ok: true, verb, command: { kind: verb, port: Number(operands[0]) } as PortCommand };
}

function portRange(sw: FcSwitch): string {
  const n = sw.ports.filter((p) => p.kind === 'fc').length;
  return n === 0 ? 'it has no FC ports' : `ports 0-${n - 1}`;
}

/** Whether `sw` is its fabric's principal switch: the lowest domain ID (its WWN, derived from the domain, is the lowest too). */
function isPrincipal(t: Topology, sw: FcSwitch): boolean {
  const domains = fabricSwitches(t, sw.id).map((id) => t.devices.find((d) => d.id === id)).flatMap((d) => (d?.kind === 'fcSwitch' ? [d.domainId] : []));
  return domains.every((d) => d >= sw.domainId);
}

async function setPort(c: Extract<PortCommand, { kind: 'portdisable' | 'portenable' }>, ctx: CciContext, sw: FcSwitch): Promise<CciOutput> {
  const port = portByNumber(sw, c.port);
  if (port === undefined) return failed(c.kind, `port ${c.port} does not exist on ${sw.name} (${portRange(sw)})`);
  const action: Action = { type: 'setFault', component: { kind: 'port', deviceId: sw.id, portId: port.id }, failed: c.kind === 'portdisable' };
  const result = await ctx.apply(action);
  if (!result.ok) return failed(c.kind, `the simulation refused it: ${result.message ?? 'no reason given'}`);
  if (result.redundant === true) return ok(`Port ${c.port} is already ${c.kind === 'portdisable' ? 'disabled' : 'enabled'}${result.message ? ` (${result.message})` : ''}.\n`);
  return ok('', [action]);
}

/**
 * Runs a port command on the logged-in switch `sw`; `effectiveCfg` is the name of the
 * fabric's effective zoning configuration (switchshow's `zoning:` line), or null.
 */
export async function runPortCommand(c: PortCommand, ctx: CciContext, sw: FcSwitch, effectiveCfg: string | null): Promise<CciOutput> {
  if (c.kind === 'portdisable' || c.kind === 'portenable') return setPort(c, ctx, sw);
  const faults = ctx.faults === undefined ? null : (await ctx.faults()).faults;
  const state = switchState(ctx.topology, sw, faults ?? []);
  if (c.kind === 'switchshow') return ok(formatSwitchshow(state, { principal: isPrincipal(ctx.topology, sw), effectiveCfg, designOnly: faults === null }));
  const port = state.ports.find((p) => p.index === c.port);
  if (port === undefined) return failed('portshow', `port ${c.port} does not exist on ${sw.name} (${portRange(sw)})`);
  return ok(formatPortshow(state, port));
}
