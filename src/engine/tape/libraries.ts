/**
 * Tape and optical libraries at run time: drives, cartridges and where they are, the robot,
 * and the backup manager's drive allocation (drive-allocator.ts) for each library.
 *
 * Owns: compiling a library device (cartridge barcodes parsed and checked against the drives —
 * a `CompileError` names the cartridge — slots, ports), the robot's timeline (one robot per
 * library: moves are serialised), drive counters, and the status view of a library.
 *
 * Invariants: a cartridge is in its slot, in one drive, or on the robot; a drive holds at most
 * one cartridge (the allocator's invariant); the scratch pool holds only blank cartridges the
 * drives can write; library order is by id. A failed drive (`fail`) is idle — not busy, no job —
 * and keeps the cartridge it had, in the drive, until `repair` puts it back in its slot.
 *
 * Does not handle: the jobs that use the drives (jobs.ts), import/export of cartridges by an
 * operator (the slots are counted and shown; moving media through them is not modelled).
 */
import type { Device } from '../../model/topology.ts';
import type { CartridgeStatus, DriveState, LibraryStatus } from '../backup-api.ts';
import { CompileError } from '../compile.ts';
import { createDriveAllocator, type DriveAllocatorState } from './drive-allocator.ts';
import {
  DVD_MOUNT_TIMINGS,
  DVD_RAM_BYTES_PER_US,
  LTO_MOUNT_TIMINGS,
  LTO_SPECS,
  driveCanWrite,
  driveCanRead,
  mediaCapacityBytes,
  parseBarcode,
  rewindUs,
  type LtoGeneration,
  type MediaType,
  type MountTimings,
} from './media.ts';

type LibraryDevice = Extract<Device, { kind: 'tapeLibrary' | 'dvdLibrary' }>;

export interface RtCartridge {
  barcode: string;
  media: MediaType;
  capacityBytes: number;
  slot: number;
  location: 'slot' | 'drive' | 'robot';
  drive: number;
  scratch: boolean;
  usedBytes: number;
  jobs: string[];
}

export interface RtDrive {
  state: DriveState;
  barcode: string | null;
  jobId: string | null;
  bytes: number;
  busyUs: number;
  busySinceUs: number;
  /** When the medium has finished the last chunk given to it (write or read), µs. */
  freeUs: number;
  /** Bytes from the beginning of the mounted cartridge to the head (what a rewind must cover). */
  positionBytes: number;
  /** The drive failed and is not repaired yet (tape drive fault). */
  failed: boolean;
}

export class Library {
  readonly id: string;
  readonly kind: 'tapeLibrary' | 'dvdLibrary';
  readonly generation: LtoGeneration | null;
  readonly timings: MountTimings;
  readonly drives: RtDrive[];
  readonly cartridges: RtCartridge[];
  alloc: DriveAllocatorState;
  /** The robot's reserved moves as [start, end) pairs, sorted; a move takes the earliest gap at or after its request. */
  private robotBusy: number[] = [];
  /** FC ports in declaration order: drive i writes through port i (modulo their number). */
  private readonly fcPorts: string[];
  robotBusyUs = 0;
  robotMoves = 0;
  mounts = 0;
  bytes = 0;

  constructor(device: LibraryDevice) {
    this.id = device.id;
    this.kind = device.kind;
    this.generation = device.kind === 'tapeLibrary' ? device.driveGeneration : null;
    this.timings = device.kind === 'tapeLibrary' ? LTO_MOUNT_TIMINGS : DVD_MOUNT_TIMINGS;
    this.fcPorts = device.ports.filter((p) => p.kind === 'fc').map((p) => p.id);
    this.drives = Array.from({ length: device.driveCount }, () => ({ state: 'empty', barcode: null, jobId: null, bytes: 0, busyUs: 0, busySinceUs: 0, freeUs: 0, positionBytes: 0, failed: false }));
    const slots = new Set<number>();
    this.cartridges = device.cartridges.map((c, i) => {
      const field = `cartridges[${i}]`;
      const parsed = parseBarcode(c.barcode);
      if (!parsed.ok) throw new CompileError(device.id, `${field}.barcode`, parsed.message);
      const media = parsed.barcode.media;
      if (!this.usable(media)) throw new CompileError(device.id, `${field}.barcode`, `${c.barcode}: ${this.mediaName(media)} media cannot be used by the ${this.generation ?? 'DVD-RAM'} drives of ${device.id}`);
      if (c.slot > device.slotCount) throw new CompileError(device.id, `${field}.slot`, `slot ${c.slot} is beyond the ${device.slotCount} slots`);
      if (slots.has(c.slot)) throw new CompileError(device.id, `${field}.slot`, `slot ${c.slot} holds two cartridges`);
      slots.add(c.slot);
      if (device.cartridges.findIndex((o) => o.barcode === c.barcode) !== i) throw new CompileError(device.id, `${field}.barcode`, `barcode ${c.barcode} is used twice`);
      return { barcode: c.barcode, media, capacityBytes: mediaCapacityBytes(media), slot: c.slot, location: 'slot', drive: -1, scratch: c.scratch ?? true, usedBytes: 0, jobs: [] };
    });
    this.cartridges.sort((a, b) => a.slot - b.slot);
    const scratch = this.cartridges.filter((c) => c.scratch && this.writable(c.media)).map((c) => c.barcode);
    this.alloc = createDriveAllocator({ driveCount: device.driveCount, scratch });
  }

  cartridge(barcode: string): RtCartridge | undefined {
    return this.cartridges.find((c) => c.barcode === barcode);
  }

  writable(media: MediaType): boolean {
    if (media.kind === 'dvd-ram') return this.generation === null;
    return this.generation !== null && !media.worm && driveCanWrite(this.generation, media.generation);
  }

  private usable(media: MediaType): boolean {
    if (media.kind === 'dvd-ram') return this.generation === null;
    return this.generation !== null && driveCanRead(this.generation, media.generation);
  }

  private mediaName(media: MediaType): string {
    return media.kind === 'dvd-ram' ? 'DVD-RAM' : media.generation;
  }

  /** The drives' native rate on their own generation's media (DVD-RAM: the disc rate), bytes/µs. */
  driveNativeBytesPerUs(): number {
    return this.generation === null ? DVD_RAM_BYTES_PER_US : LTO_SPECS[this.generation].nativeBytesPerUs;
  }

  /** Medium rates of a cartridge in these drives, bytes/µs: native and lowest matched. */
  rates(barcode: string): { native: number; min: number; bufferBytes: number; generation: LtoGeneration | null } {
    const c = this.cartridge(barcode);
    if (!c || c.media.kind === 'dvd-ram') return { native: DVD_RAM_BYTES_PER_US, min: 0, bufferBytes: 0, generation: null };
    const spec = LTO_SPECS[c.media.generation];
    return { native: spec.nativeBytesPerUs, min: spec.minMatchedBytesPerUs, bufferBytes: spec.bufferBytes, generation: c.media.generation };
  }

  /** The FC port drive `drive` is attached by, or null for a library without FC ports. */
  drivePort(drive: number): string | null {
    return this.fcPorts.length === 0 ? null : this.fcPorts[drive % this.fcPorts.length];
  }

  /**
   * Reserves the robot for one move of `robotMoveUs` in the earliest gap at or after `atUs`
   * (a return move booked for a later unload does not delay a mount asked for now); returns when
   * the move ends. Moves that ended before `nowUs` are forgotten.
   */
  robotMove(atUs: number, nowUs: number = atUs): number {
    const d = this.timings.robotMoveUs;
    const busy = this.robotBusy;
    let drop = 0;
    while (drop < busy.length && busy[drop + 1] <= nowUs) drop += 2;
    if (drop > 0) busy.splice(0, drop);
    let start = atUs;
    let i = 0;
    for (; i < busy.length; i += 2) {
      if (start + d <= busy[i]) break; // fits before this move
      if (busy[i + 1] > start) start = busy[i + 1];
    }
    busy.splice(i, 0, start, start + d);
    this.robotBusyUs += d;
    this.robotMoves++;
    return start + d;
  }

  /**
   * Slot → drive, load (thread) and, when the job's data starts `startBytes` into the cartridge
   * (appending after earlier jobs, or reading one of them back), a locate there; from `atUs`.
   * Returns when the head is in place.
   */
  mount(drive: number, barcode: string, jobId: string, atUs: number, nowUs: number = atUs, startBytes = 0): number {
    const d = this.drives[drive];
    const c = this.cartridge(barcode)!;
    if (d.state === 'empty') d.busySinceUs = atUs;
    d.state = 'mounting';
    d.barcode = barcode;
    d.jobId = jobId;
    c.location = 'robot';
    c.drive = drive;
    d.positionBytes = startBytes;
    this.mounts++;
    const ready = this.robotMove(atUs, nowUs) + this.timings.loadUs + (startBytes > 0 ? this.timings.locateUs : 0);
    d.freeUs = ready;
    return ready;
  }

  /** Rewind (from the head's position), unload and robot back to the slot, from `atUs`; returns when the drive is empty. */
  unmount(drive: number, atUs: number): number {
    const d = this.drives[drive];
    d.state = 'unloading';
    const c = d.barcode === null ? undefined : this.cartridge(d.barcode);
    const rewind = c && c.media.kind === 'lto' ? rewindUs(c.media.generation, d.positionBytes) : this.timings.rewindUs;
    const unloaded = Math.max(atUs, d.freeUs) + rewind + this.timings.unloadUs;
    return this.robotMove(unloaded, atUs);
  }

  /** The cartridge is back in its slot and the drive empty. */
  unmounted(drive: number, atUs: number): void {
    const d = this.drives[drive];
    const c = d.barcode === null ? undefined : this.cartridge(d.barcode);
    if (c) {
      c.location = 'slot';
      c.drive = -1;
    }
    d.busyUs += atUs - d.busySinceUs;
    d.state = 'empty';
    d.barcode = null;
    d.jobId = null;
  }

  /**
   * Drive `drive` failed now: its busy time ends, its job lets go; a cartridge in it (or on its
   * way in or out) stays in the drive. Returns that cartridge's barcode, or null.
   */
  fail(drive: number, nowUs: number): string | null {
    const d = this.drives[drive];
    if (d.state !== 'empty') d.busyUs += nowUs - d.busySinceUs;
    d.failed = true;
    d.jobId = null;
    d.state = d.barcode === null ? 'empty' : 'loaded';
    const c = d.barcode === null ? undefined : this.cartridge(d.barcode);
    if (c) {
      c.location = 'drive';
      c.drive = drive;
    }
    return d.barcode;
  }

  /** A failed drive is back, empty: the cartridge stuck in it is returned to its slot (by the engineer, not the robot). */
  repair(drive: number): void {
    const d = this.drives[drive];
    const c = d.barcode === null ? undefined : this.cartridge(d.barcode);
    if (c) {
      c.location = 'slot';
      c.drive = -1;
    }
    d.failed = false;
    d.state = 'empty';
    d.barcode = null;
    d.jobId = null;
    d.freeUs = 0;
    d.positionBytes = 0;
  }

  loaded(drive: number): void {
    const d = this.drives[drive];
    d.state = 'loaded';
    const c = d.barcode === null ? undefined : this.cartridge(d.barcode);
    if (c) c.location = 'drive';
  }

  status(nowUs: number): LibraryStatus {
    return {
      id: this.id,
      kind: this.kind,
      driveGeneration: this.generation,
      drives: this.drives.map((d, index) => ({
        index,
        state: d.state,
        barcode: d.barcode,
        jobId: d.jobId,
        bytes: d.bytes,
        busyUs: d.busyUs + (d.state === 'empty' || d.failed ? 0 : nowUs - d.busySinceUs),
        failed: d.failed,
      })),
      cartridges: this.cartridges.map((c): CartridgeStatus => ({
        barcode: c.barcode,
        media: c.media.kind === 'dvd-ram' ? 'DVD-RAM' : c.media.generation + (c.media.worm ? ' WORM' : ''),
        slot: c.slot,
        location: c.location,
        driveIndex: c.drive >= 0 ? c.drive : null,
        scratch: c.scratch,
        capacityBytes: c.capacityBytes,
        usedBytes: c.usedBytes,
        jobs: [...c.jobs],
      })),
      queue: this.alloc.queue.map((q) => q.jobId),
      robotBusyUs: this.robotBusyUs,
    };
  }
}
