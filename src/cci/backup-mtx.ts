/**
 * `mtx -l <library> status | load <slot> [<drive>] | unload [<slot>] [<drive>]`: the library's
 * elements in mtx's layout, and operator mounts through the backup manager.
 *
 * Owns: checking a load or unload against the library as the engine reports it, the
 * `mountCartridge` / `unmountCartridge` action, and waiting — as mtx does, which returns once
 * the robot is done — in simulated time until the cartridge is in the drive (load) or back in
 * its slot (unload):
 *
 *   check ─▶ apply ─▶ poll status ─(cartridge arrived)─▶ "...done", exit 0
 *                         │  └─(not yet)─▶ advance ≤ 1 s ─▶ poll
 *                         └─(MTX_WAIT_S passed, or the run ended)─▶ EX_EWSTOT (the action stays applied)
 *
 * SANdbox's backup manager picks the drive (the lowest empty one) and returns a cartridge to
 * its own slot, so a `<drive>` or an unload `<slot>` that says otherwise is refused rather than
 * silently ignored. Drives are numbered from 0, storage elements from 1 (as mtx does).
 */
import type { BackupStatus, CartridgeStatus, LibraryStatus } from '../engine/api.ts';
import type { Action } from '../model/scenario.ts';
import { applyAction, failed, findLibrary, isFailure, ok, readBackup, type Library } from './backup-common.ts';
import { formatMtxStatus } from './backup-format.ts';
import type { MtxOp } from './backup-parse.ts';
import type { CciFailure } from './codes.ts';
import type { CciContext, CciOutput } from './execute.ts';

/**
 * The job id the engine gives an operator's mount (engine/backup.ts `operatorMount`): such a
 * drive may be unloaded with mtx; a drive held by any other job may not.
 */
export const OPERATOR_JOB_PREFIX = 'operator:';

/** Longest simulated time `mtx load` / `unload` waits for the robot. */
export const MTX_WAIT_S = 600;
/** Largest clock step between two polls (s). */
const MTX_POLL_S = 1;

const NAME = 'mtx';

type Load = Extract<MtxOp, { verb: 'load' }>;
type Unload = Extract<MtxOp, { verb: 'unload' }>;

function driveRange(lib: LibraryStatus): string {
  return lib.drives.length === 1 ? 'drive 0' : `drives 0-${lib.drives.length - 1}`;
}

function inDrive(lib: LibraryStatus, index: number): CartridgeStatus | undefined {
  return lib.cartridges.find((c) => c.location === 'drive' && c.driveIndex === index);
}

function describeDrive(lib: LibraryStatus, index: number): string {
  const cart = inDrive(lib, index);
  if (cart !== undefined) return `Drive ${index} Full (Storage Element ${cart.slot} Loaded)`;
  const d = lib.drives[index];
  return `drive ${index} is ${d.state}${d.barcode === null ? '' : ` (${d.barcode})`}`;
}

/** The slot holds a cartridge, and the drive the manager will use is the one asked for. */
function checkLoad(shape: Library, lib: LibraryStatus, op: Load): { cart: CartridgeStatus; drive: number } | CciFailure {
  const total = shape.slotCount + shape.ioSlotCount;
  if (op.slot > total) return { code: 'EX_INVARG', detail: `<slot> ${op.slot}: ${shape.id} has storage elements 1-${total}` };
  const cart = lib.cartridges.find((c) => c.location === 'slot' && c.slot === op.slot);
  if (cart === undefined) {
    const away = lib.cartridges.find((c) => c.slot === op.slot);
    const where = away === undefined ? '' : ` (${away.barcode} is ${away.location === 'drive' ? `in drive ${away.driveIndex}` : 'in the robot'})`;
    return { code: 'EX_CMDRJE', detail: `Storage Element ${op.slot} is Empty${where}` };
  }
  if (op.drive !== null && op.drive >= lib.drives.length) return { code: 'EX_INVARG', detail: `<drive> ${op.drive}: ${shape.id} has ${driveRange(lib)}` };
  const empty = lib.drives.filter((d) => d.state === 'empty' && inDrive(lib, d.index) === undefined).map((d) => d.index);
  if (op.drive !== null && !empty.includes(op.drive)) return { code: 'EX_CMDRJE', detail: describeDrive(lib, op.drive) };
  if (empty.length === 0) return { code: 'EX_CMDRJE', detail: `no empty drive in ${shape.id}: ${lib.drives.map((d) => describeDrive(lib, d.index)).join('; ')}` };
  if (op.drive !== null && op.drive !== empty[0]) {
    return { code: 'EX_INVARG', detail: `<drive> ${op.drive}: the backup manager mounts on the lowest empty drive, ${empty[0]} (omit <drive> or give ${empty[0]})` };
  }
  return { cart, drive: empty[0] };
}

/** The drive holds a cartridge no job is using, and the slot (if given) is the cartridge's own. */
function checkUnload(shape: Library, lib: LibraryStatus, op: Unload): CartridgeStatus | CciFailure {
  const drive = op.drive ?? 0;
  if (drive >= lib.drives.length) return { code: 'EX_INVARG', detail: `<drive> ${drive}: ${shape.id} has ${driveRange(lib)}` };
  const cart = inDrive(lib, drive);
  if (cart === undefined) return { code: 'EX_CMDRJE', detail: `Data Transfer Element ${drive} is Empty` };
  const job = lib.drives[drive].jobId;
  if (job !== null && !job.startsWith(OPERATOR_JOB_PREFIX)) return { code: 'EX_CMDRJE', detail: `drive ${drive} is held by job ${job}: unload it when the job is done` };
  if (op.slot !== null && op.slot !== cart.slot) {
    return { code: 'EX_INVARG', detail: `<slot> ${op.slot}: ${cart.barcode} goes back to its own Storage Element ${cart.slot}` };
  }
  return cart;
}

type Arrival = { done: true } | { done: false; detail: string };

function cartridgeOf(status: BackupStatus, libraryId: string, barcode: string): CartridgeStatus | undefined {
  return status.libraries.find((l) => l.id === libraryId)?.cartridges.find((c) => c.barcode === barcode);
}

/** Polls until `arrived` holds for the cartridge, letting simulated time pass. */
async function waitForCartridge(ctx: CciContext, libraryId: string, barcode: string, arrived: (c: CartridgeStatus) => boolean): Promise<Arrival> {
  const startS = ctx.nowS();
  for (;;) {
    const status = await readBackup(ctx);
    if (isFailure(status)) return { done: false, detail: status.detail ?? status.code };
    const cart = cartridgeOf(status, libraryId, barcode);
    if (cart !== undefined && arrived(cart)) return { done: true };
    const where = cart === undefined ? 'gone from the library' : cart.location === 'drive' ? `in drive ${cart.driveIndex}` : `in the ${cart.location}`;
    const leftS = MTX_WAIT_S - (ctx.nowS() - startS);
    if (leftS <= 1e-9) return { done: false, detail: `${barcode} is still ${where} after ${MTX_WAIT_S} s` };
    const beforeS = ctx.nowS();
    await ctx.advance(Math.min(MTX_POLL_S, leftS));
    if (ctx.nowS() <= beforeS) return { done: false, detail: `${barcode} is still ${where}; the run ended at t=${beforeS.toFixed(3)}s` };
  }
}

async function moveAndWait(ctx: CciContext, action: Action & { libraryId: string; barcode: string }, say: string, arrived: (c: CartridgeStatus) => boolean): Promise<CciOutput> {
  const applied = await applyAction(NAME, action, ctx);
  if (applied.exitCode !== 0 || applied.actions.length === 0) return applied;
  const arrival = await waitForCartridge(ctx, action.libraryId, action.barcode, arrived);
  if (arrival.done) return ok(`${say}done\n`, applied.actions);
  return failed(NAME, { code: 'EX_EWSTOT', detail: arrival.detail }, { stdout: `${say}\n`, actions: applied.actions });
}

async function load(ctx: CciContext, shape: Library, lib: LibraryStatus, op: Load): Promise<CciOutput> {
  const checked = checkLoad(shape, lib, op);
  if (isFailure(checked)) return failed(NAME, checked);
  const { cart, drive } = checked;
  const say = `Loading media from Storage Element ${op.slot} into drive ${drive}...`;
  const action = { type: 'mountCartridge' as const, libraryId: shape.id, barcode: cart.barcode };
  return moveAndWait(ctx, action, say, (c) => c.location === 'drive');
}

async function unload(ctx: CciContext, shape: Library, lib: LibraryStatus, op: Unload): Promise<CciOutput> {
  const cart = checkUnload(shape, lib, op);
  if (isFailure(cart)) return failed(NAME, cart);
  const say = `Unloading drive ${op.drive ?? 0} into Storage Element ${cart.slot}...`;
  const action = { type: 'unmountCartridge' as const, libraryId: shape.id, barcode: cart.barcode };
  return moveAndWait(ctx, action, say, (c) => c.location === 'slot');
}

export async function runMtx(libraryId: string, op: MtxOp, ctx: CciContext): Promise<CciOutput> {
  const shape = findLibrary(ctx.topology, libraryId);
  if (isFailure(shape)) return failed(NAME, shape);
  const status = await readBackup(ctx);
  if (isFailure(status)) return failed(NAME, status);
  const lib = status.libraries.find((l) => l.id === shape.id);
  if (lib === undefined) return failed(NAME, { code: 'EX_ENOOBJ', detail: `the engine reports no library "${shape.id}"` });
  if (op.verb === 'status') return ok(formatMtxStatus(shape, lib));
  return op.verb === 'load' ? load(ctx, shape, lib, op) : unload(ctx, shape, lib, op);
}
