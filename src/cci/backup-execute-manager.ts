/**
 * Running the runbook and SAN-manager commands (backup-parse-manager.ts): `runbook list|show`
 * read the engine's RunbookStatus; `runbook start|pause|resume|step` become startRunbook /
 * pauseRunbook / resumeRunbook (oneStep for `step`); `policy list` prints the design's
 * policies, `policy set` becomes setPolicy, `policy run` runPolicy; `schedule` prints the SAN
 * manager's night plan.
 *
 * Owns: checking runbook ids and `--before` step numbers against the engine's runbooks, and a
 * policy's LDEV, library and servers against the topology, before anything is applied.
 * `policy run` leaves the policy id to the SAN manager (a policy set earlier in the session
 * is not in the design), which names it when it refuses.
 */
import type { BackupStatus, RunbookStatus } from '../engine/api.ts';
import type { Action } from '../model/scenario.ts';
import type { BackupPolicy, Topology } from '../model/topology.ts';
import { applyAction, checkLdev, failed, findLibrary, findServer, firstFailure, isFailure, ok, readBackup } from './backup-common.ts';
import { formatPolicies, formatRunbook, formatRunbooks, formatSchedule } from './backup-format-manager.ts';
import type { ManagerCommand } from './backup-parse-manager.ts';
import type { CciFailure } from './codes.ts';
import type { CciContext, CciOutput } from './execute.ts';

type Of<K extends ManagerCommand['kind']> = Extract<ManagerCommand, { kind: K }>;

const list = (ids: readonly string[]): string => (ids.length === 0 ? 'none' : ids.join(', '));

/** `400-415` or `400, 402, 410`: a runbook's step numbers, for messages. */
function stepNumbers(r: RunbookStatus): string {
  const ns = r.steps.map((s) => s.n);
  const contiguous = ns.every((n, i) => i === 0 || n === ns[i - 1] + 1);
  return contiguous && ns.length > 2 ? `${ns[0]}-${ns[ns.length - 1]}` : ns.join(', ');
}

async function findRunbook(ctx: CciContext, id: string): Promise<RunbookStatus | CciFailure> {
  const status = await readBackup(ctx);
  if (isFailure(status)) return status;
  const hit = status.runbooks.find((r) => r.id === id);
  return hit ?? { code: 'EX_ENOOBJ', detail: `no runbook "${id}" (runbooks: ${list(status.runbooks.map((r) => r.id))})` };
}

async function runbookAction(c: Of<'runbookStart' | 'runbookPause' | 'runbookResume'>, ctx: CciContext): Promise<CciOutput> {
  const r = await findRunbook(ctx, c.runbook);
  if (isFailure(r)) return failed('runbook', r);
  if (c.kind === 'runbookStart') return applyAction('runbook', { type: 'startRunbook', runbook: r.id }, ctx);
  if (c.kind === 'runbookResume') return applyAction('runbook', { type: 'resumeRunbook', runbook: r.id, oneStep: c.oneStep }, ctx);
  if (c.beforeStep === null) return applyAction('runbook', { type: 'pauseRunbook', runbook: r.id }, ctx);
  const step = r.steps.find((s) => s.n === c.beforeStep);
  if (step === undefined) {
    return failed('runbook', { code: 'EX_INVARG', detail: `--before ${c.beforeStep}: runbook ${r.id} has no such step (steps ${stepNumbers(r)})` });
  }
  if (step.state !== 'pending') {
    return failed('runbook', { code: 'EX_INVARG', detail: `--before ${c.beforeStep}: step ${step.n} of ${r.id} has already started (${step.state})` });
  }
  return applyAction('runbook', { type: 'pauseRunbook', runbook: r.id, beforeStep: c.beforeStep }, ctx);
}

async function runbookRead(c: Of<'runbookList' | 'runbookShow'>, ctx: CciContext): Promise<CciOutput> {
  if (c.kind === 'runbookShow') {
    const r = await findRunbook(ctx, c.runbook);
    return isFailure(r) ? failed('runbook', r) : ok(formatRunbook(r, ctx.nowS()));
  }
  const status = await readBackup(ctx);
  return isFailure(status) ? failed('runbook', status) : ok(formatRunbooks(status.runbooks));
}

/** The policy's LDEV, library and servers exist. */
function checkPolicy(topology: Topology, p: BackupPolicy): CciFailure | null {
  return firstFailure(
    checkLdev(topology, p.ldevId, '-d'),
    findLibrary(topology, p.libraryId),
    p.serverId === undefined ? null : findServer(topology, p.serverId, '-s'),
    p.backupServerId === undefined ? null : findServer(topology, p.backupServerId, '-b'),
  );
}

/**
 * The SAN manager's policies now: the engine's, when its status carries them (a `policies`
 * field, so `policy set` shows at once), else the design's.
 */
async function currentPolicies(ctx: CciContext): Promise<readonly BackupPolicy[]> {
  const status = ctx.backup === undefined ? null : ((await ctx.backup()) as BackupStatus & { policies?: BackupPolicy[] });
  return status?.policies ?? ctx.topology.backup?.policies ?? [];
}

async function policyCommand(c: Of<'policyList' | 'policySet' | 'policyRun'>, ctx: CciContext): Promise<CciOutput> {
  if (c.kind === 'policyList') return ok(formatPolicies(await currentPolicies(ctx)));
  if (c.kind === 'policyRun') return applyAction('policy', { type: 'runPolicy', policyId: c.policyId }, ctx);
  const bad = checkPolicy(ctx.topology, c.policy);
  if (bad !== null) return failed('policy', bad);
  const action: Action = { type: 'setPolicy', policy: c.policy };
  return applyAction('policy', action, ctx);
}

export async function runManagerCommand(c: ManagerCommand, ctx: CciContext): Promise<CciOutput> {
  switch (c.kind) {
    case 'runbookList':
    case 'runbookShow':
      return runbookRead(c, ctx);
    case 'runbookStart':
    case 'runbookPause':
    case 'runbookResume':
      return runbookAction(c, ctx);
    case 'policyList':
    case 'policySet':
    case 'policyRun':
      return policyCommand(c, ctx);
    case 'schedule': {
      const status = await readBackup(ctx);
      return isFailure(status) ? failed('schedule', status) : ok(formatSchedule(status.schedule, status.clockStart));
    }
  }
}
