/**
 * The horcm.conf import, pure: read the P-VOL instance's file (horcm0.conf) and, when given, the
 * S-VOL instance's (horcm1.conf) with the CCI library (src/cci/horcm.ts), resolve them against
 * the design into copy groups of the chosen kind, and merge those into the topology (a group
 * whose id exists is replaced, others are added). All or nothing: any problem, and the design
 * is left alone. Every problem says which file and which line.
 */
import { horcmToCopyGroups, parseHorcm, type HorcmError, type HorcmGroupOptions } from '../../cci/horcm.ts';
import { CopyGroup, type CopyGroupKind, type Topology } from '../../model/topology.ts';

/** Copy groups a topology may hold (the schema's limit). */
const COPY_GROUPS_MAX = 256;

export const P_FILE_LABEL = 'horcm0.conf (P-VOL instance)';
export const S_FILE_LABEL = 'horcm1.conf (S-VOL instance)';

export interface HorcmImportInput {
  pText: string;
  sText: string;
  kind: CopyGroupKind;
  /** host-mirror: the server whose mirror program duplexes the writes. */
  serverId?: string;
  /** host-mirror: whether the mirror program records positions written while split. */
  recordPositions?: boolean;
  /** snapshot: the pool id (on the P-VOLs' array). */
  poolId?: string;
}

export interface ImportProblem {
  /** Which file, when the problem is in one; null for the import as a whole. */
  file: string | null;
  line: number | null;
  message: string;
}

export type HorcmImportPlan =
  | { ok: true; groups: CopyGroup[]; added: string[]; replaced: string[]; deviceCount: number }
  | { ok: false; problems: ImportProblem[] };

function fromParse(errors: readonly HorcmError[], file: string): ImportProblem[] {
  return errors.map((e) => ({ file, line: e.line ?? null, message: e.message }));
}

function inputProblems(input: HorcmImportInput): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (input.pText.trim() === '') problems.push({ file: P_FILE_LABEL, line: null, message: 'paste or load the P-VOL instance’s horcm.conf' });
  if (input.sText.trim() === '' && input.kind !== 'snapshot') {
    problems.push({ file: S_FILE_LABEL, line: null, message: `${input.kind} pairs need the S-VOL instance’s horcm.conf too (it names the S-VOLs)` });
  }
  if (input.kind === 'host-mirror' && !input.serverId) problems.push({ file: null, line: null, message: 'pick the server whose mirror program duplexes the writes' });
  if (input.kind === 'snapshot' && !input.poolId) problems.push({ file: null, line: null, message: 'pick the snapshot pool (add one to the array first if there is none)' });
  return problems;
}

function optionsOf(input: HorcmImportInput): HorcmGroupOptions {
  if (input.kind === 'host-mirror') return { serverId: input.serverId, recordPositions: input.recordPositions ?? true };
  if (input.kind === 'snapshot') return { poolId: input.poolId };
  return {};
}

function schemaProblems(groups: readonly CopyGroup[]): ImportProblem[] {
  return groups.flatMap((g) => {
    const r = CopyGroup.safeParse(g);
    return r.success ? [] : [{ file: null, line: null, message: `group ${g.id}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` }];
  });
}

/** Read both files and resolve them against `topology`; nothing is changed. */
export function planHorcmImport(input: HorcmImportInput, topology: Topology): HorcmImportPlan {
  const early = inputProblems(input);
  if (early.length > 0) return { ok: false, problems: early };
  const p = parseHorcm(input.pText);
  const s = input.sText.trim() === '' ? null : parseHorcm(input.sText);
  const parseErrors = [...fromParse(p.errors, P_FILE_LABEL), ...fromParse(s?.errors ?? [], S_FILE_LABEL)];
  if (parseErrors.length > 0) return { ok: false, problems: parseErrors };
  const result = horcmToCopyGroups(p.conf, s?.conf ?? null, topology, input.kind, optionsOf(input));
  const problems = [...result.errors.map((e) => ({ file: null, line: e.line ?? null, message: e.message })), ...schemaProblems(result.groups)];
  if (result.groups.length === 0 && problems.length === 0) problems.push({ file: P_FILE_LABEL, line: null, message: 'no HORCM_DEV or HORCM_LDEV lines: there is nothing to import' });
  const existing = new Set((topology.copyGroups ?? []).map((g) => g.id));
  const added = result.groups.filter((g) => !existing.has(g.id)).map((g) => g.id);
  if (existing.size + added.length > COPY_GROUPS_MAX) problems.push({ file: null, line: null, message: `a design holds at most ${COPY_GROUPS_MAX} copy groups` });
  if (problems.length > 0) return { ok: false, problems };
  const replaced = result.groups.filter((g) => existing.has(g.id)).map((g) => g.id);
  const deviceCount = result.groups.reduce((n, g) => n + g.devices.length, 0);
  return { ok: true, groups: result.groups, added, replaced, deviceCount };
}

/** `topology` with `groups` added, replacing the groups of the same ids in place. */
export function mergeCopyGroups(topology: Topology, groups: readonly CopyGroup[]): Topology {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const current = topology.copyGroups ?? [];
  const kept = current.map((g) => byId.get(g.id) ?? g);
  const known = new Set(current.map((g) => g.id));
  return { ...topology, copyGroups: [...kept, ...groups.filter((g) => !known.has(g.id))] };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Imported 2 copy groups (3 devices) from horcm.conf: VG01 (replaced), VG02". */
export function importSummary(plan: Extract<HorcmImportPlan, { ok: true }>): string {
  const names = plan.groups.map((g) => (plan.replaced.includes(g.id) ? `${g.id} (replaced)` : g.id)).join(', ');
  return `Imported ${plural(plan.groups.length, 'copy group')} (${plural(plan.deviceCount, 'device')}) from horcm.conf: ${names}`;
}
