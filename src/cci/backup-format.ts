/**
 * What the tape commands print: `mtx status` in mtx's own layout, the `jobs` table and one
 * job's details, the `catalog` table; and the wall-clock helpers the SAN-manager tables share.
 *
 * Owns: these layouts. mtx's: a header `  Storage Changer <lib>:<n> Drives, <m> Slots ( <k>
 * Import/Export )` where m counts the storage and the import/export elements (as mtx does),
 * one `Data Transfer Element` line per drive (0-based), one `Storage Element` line per slot
 * (1-based, indented six spaces), then the import/export elements numbered after the slots.
 * A cartridge the robot is carrying is in neither a slot nor a drive and is not listed (mtx
 * is never asked mid-move). mtx pads volume tags with blanks to 36 characters; SANdbox trims
 * them, so no line ends in blanks. Tables are formatTable's (format.ts): columns padded to the
 * widest cell, two blanks apart. Pure functions of their inputs.
 */
import type { CatalogEntry, JobStatus, LibraryStatus, Verification } from '../engine/api.ts';
import { formatTable } from './format.ts';

// ---------------------------------------------------------------- numbers and clocks

const MB = 1_000_000;
const SECONDS_PER_DAY = 86_400;

/** Decimal megabytes, rounded down (as the engine's MB/s are decimal). */
export const megabytes = (bytes: number): string => String(Math.floor(bytes / MB));

export const seconds3 = (s: number | null): string => (s === null ? '-' : s.toFixed(3));

/** Thousands separated by commas: 20480 → "20,480". */
export const grouped = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function clockMinutes(clockStart: string): number {
  const [h, m] = clockStart.split(':').map(Number);
  return h * 60 + m;
}

/** The wall-clock time of day `HH:MM` at simulated second `s`, the run starting at `clockStart`. */
export function clockAt(clockStart: string, s: number): string {
  const minutes = (clockMinutes(clockStart) + Math.floor(s / 60)) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `HH:MM`, followed by `+Nd` when it falls N days after the day the run starts. */
export function clockAtWithDay(clockStart: string, s: number): string {
  const day = Math.floor((clockMinutes(clockStart) * 60 + s) / SECONDS_PER_DAY);
  return day === 0 ? clockAt(clockStart, s) : `${clockAt(clockStart, s)}+${day}d`;
}

export function verdict(v: Verification | null): string {
  if (v === null) return '-';
  return v.passed ? 'PASS' : 'FAIL';
}

// ---------------------------------------------------------------- mtx

/** What mtx's header needs of the library's design (the engine's status has no slot counts). */
export interface LibraryShape {
  id: string;
  slotCount: number;
  ioSlotCount: number;
}

function driveLine(library: LibraryStatus, index: number): string {
  const cart = library.cartridges.find((c) => c.location === 'drive' && c.driveIndex === index);
  if (cart === undefined) return `Data Transfer Element ${index}:Empty`;
  return `Data Transfer Element ${index}:Full (Storage Element ${cart.slot} Loaded):VolumeTag = ${cart.barcode}`;
}

/** `mtx -l <lib> status`. */
export function formatMtxStatus(shape: LibraryShape, library: LibraryStatus): string {
  const inSlot = new Map(library.cartridges.filter((c) => c.location === 'slot').map((c) => [c.slot, c.barcode]));
  const total = shape.slotCount + shape.ioSlotCount;
  const lines = [`  Storage Changer ${shape.id}:${library.drives.length} Drives, ${total} Slots ( ${shape.ioSlotCount} Import/Export )`];
  for (const d of library.drives) lines.push(driveLine(library, d.index));
  for (let slot = 1; slot <= shape.slotCount; slot++) {
    const tag = inSlot.get(slot);
    lines.push(tag === undefined ? `      Storage Element ${slot}:Empty` : `      Storage Element ${slot}:Full :VolumeTag=${tag}`);
  }
  for (let slot = shape.slotCount + 1; slot <= total; slot++) lines.push(`      Storage Element ${slot} IMPORT/EXPORT:Empty`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- jobs

/** Progress in whole percent, rounded down; a finished job with nothing to move is 100. */
export function progressPct(job: JobStatus): number {
  if (job.tracksPlanned === 0) return job.state === 'done' ? 100 : 0;
  return Math.floor((job.tracksDone * 100) / job.tracksPlanned);
}

const barcodes = (job: JobStatus): string => (job.cartridges.length === 0 ? '-' : job.cartridges.map((c) => c.barcode).join(','));

/** `jobs`: one line per job, in the engine's order. */
export function formatJobs(jobs: readonly JobStatus[]): string {
  const rows = jobs.map((j) => [
    j.id,
    j.kind,
    j.path,
    j.source,
    j.target,
    j.state,
    String(progressPct(j)),
    j.transferStartS === null ? '-' : j.mbps.toFixed(1),
    barcodes(j),
    verdict(j.verification),
  ]);
  return formatTable(
    [
      { head: 'JOB' },
      { head: 'KIND' },
      { head: 'PATH' },
      { head: 'SOURCE' },
      { head: 'TARGET' },
      { head: 'STATE' },
      { head: '%', right: true },
      { head: 'MB/s', right: true },
      { head: 'CARTRIDGES' },
      { head: 'VERIFY' },
    ],
    rows,
  );
}

function cartridgeLines(job: JobStatus): string[] {
  if (job.cartridges.length === 0) return [`  cartridges: none${job.state === 'done' || job.state === 'failed' ? '' : ' yet'}`];
  const tracks = (first: number, count: number): string => (count === 0 ? 'no tracks yet' : `tracks ${first}-${first + count - 1} (${grouped(count)})`);
  return job.cartridges.map((c) => `  cartridge ${c.barcode}: drive ${c.driveIndex}, ${tracks(c.firstIndex, c.count)}, ${megabytes(c.bytes)} MB`);
}

/** `created 61.000 s, started 61.000 s, transfer from 75.000 s[ to …][, ended …]`: the times known so far. */
function timesLine(job: JobStatus): string {
  const parts = [`created ${seconds3(job.createdS)} s`];
  parts.push(job.startedS === null ? 'not started' : `started ${seconds3(job.startedS)} s`);
  if (job.transferStartS !== null) {
    parts.push(`transfer from ${seconds3(job.transferStartS)} s${job.transferEndS === null ? '' : ` to ${seconds3(job.transferEndS)} s`}`);
  }
  if (job.endedS !== null) parts.push(`ended ${seconds3(job.endedS)} s`);
  return `  ${parts.join(', ')}`;
}

/** `jobs <id>`: every field of one job a trainer asks about. */
export function formatJobDetail(job: JobStatus): string {
  const via = job.servers.length === 0 ? 'no server (server-less)' : job.servers.join(' -> ');
  const library = job.libraryId === null || job.libraryId === job.target || job.libraryId === job.source ? '' : ` (library ${job.libraryId})`;
  const lines = [
    `job ${job.id} (${job.kind}, ${job.path}): ${job.state}, ${progressPct(job)}%`,
    `  ${job.source} -> ${job.target}${library} via ${via}`,
    `  links: ${job.links.length === 0 ? '-' : job.links.join(', ')}`,
    timesLine(job),
    `  waited ${job.waitS.toFixed(3)} s for a drive; ${job.backhitches} backhitches`,
    `  ${grouped(job.tracksDone)} of ${grouped(job.tracksPlanned)} tracks, ${megabytes(job.bytesDone)} of ${megabytes(job.bytesPlanned)} MB, ${job.mbps.toFixed(1)} MB/s`,
    ...cartridgeLines(job),
    `  verification: ${job.verification === null ? '-' : job.verification.line}`,
  ];
  if (job.error !== null) lines.push(`  error: ${job.error}`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- catalog

/** `catalog`: one line per image on tape. EXPIRES is wall-clock time (+days after the run's first day). */
export function formatCatalog(entries: readonly CatalogEntry[], clockStart: string): string {
  const rows = entries.map((e) => [
    e.jobId,
    e.libraryId,
    e.source,
    seconds3(e.imageAtS),
    grouped(e.tracks),
    megabytes(e.bytes),
    e.cartridges.length === 0 ? '-' : e.cartridges.join(','),
    e.digest,
    verdict(e.verification),
    e.expiresS === null ? '-' : clockAtWithDay(clockStart, e.expiresS),
  ]);
  return formatTable(
    [
      { head: 'JOB' },
      { head: 'LIBRARY' },
      { head: 'SOURCE' },
      { head: 'IMAGE_AT(s)', right: true },
      { head: 'TRACKS', right: true },
      { head: 'MB', right: true },
      { head: 'CARTRIDGES' },
      { head: 'DIGEST' },
      { head: 'VERIFY' },
      { head: 'EXPIRES' },
    ],
    rows,
  );
}
