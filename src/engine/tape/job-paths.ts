/**
 * The data path of a backup, restore or copy job (SAN patent Fig. 8): which array front-end
 * ports, links and servers its data crosses, in the direction it flows.
 *
 *   backup  lan-free     array ─FC─▶ server ─FC─▶ library
 *           lan          array ─FC─▶ server ─LAN─▶ backup server ─FC─▶ library
 *           server-less  array ─FC─▶ library (the array copies to the tape itself)
 *   restore              the same paths, reversed (library → … → array)
 *   copy    san          array ─FC─▶ server ─FC─▶ array
 *           lan          array ─FC─▶ server ─LAN─▶ target server ─FC─▶ array
 *
 * Owns: building those paths from the run-time access (fabric/runtime-access.ts) when a job
 * starts, failing with a message naming what is missing (no LU path, no FC route to the
 * library, no LAN between the servers).
 *
 * Does not handle: moving data (jobs.ts), zoning, multipath.
 */
import type { BackupPath } from '../../model/topology.ts';
import type { CompiledModel } from '../compile.ts';
import { RuntimeAccess, type PathSegment } from '../fabric/runtime-access.ts';

export interface JobPath {
  /** Front-end port index the data leaves the source array by (-1: the source is a tape). */
  readPort: number;
  /** Front-end port index the data enters the target array by (-1: the target is a tape). */
  writePort: number;
  /** One-way latency of the read command to the source array (server-driven reads), µs. */
  commandUs: number;
  segments: PathSegment[];
  servers: string[];
  linkIds: string[];
}

export type JobPathResult = JobPath | { error: string };

export interface PathContext {
  model: CompiledModel;
  access: RuntimeAccess;
  propagationUs: Float64Array;
}

function portIndex(ctx: PathContext, arrayId: string, portId: string): number {
  const array = ctx.model.arrays.find((a) => a.id === arrayId);
  return array?.portIndexById.get(portId) ?? -1;
}

function arrayOf(ctx: PathContext, ldevId: string): string | null {
  const l = ctx.model.ldevs.find((x) => x.id === ldevId);
  return l ? ctx.model.arrays[l.arrayIndex].id : null;
}

function finish(ctx: PathContext, p: Omit<JobPath, 'linkIds'>): JobPath {
  return { ...p, linkIds: ctx.access.linkIds(p.segments.flatMap((s) => s.resources)) };
}

function oneWayUs(ctx: PathContext, seg: PathSegment): number {
  return seg.resources.reduce((sum, r) => sum + ctx.propagationUs[r >> 1], seg.transitUs);
}

function reversed(seg: PathSegment): PathSegment {
  return { resources: [...seg.resources].reverse().map((r) => r ^ 1), transitUs: seg.transitUs };
}

/** The server's read of `ldevId` (array → server) or error. */
function serverLeg(ctx: PathContext, serverId: string, ldevId: string): { seg: PathSegment; port: number } | { error: string } {
  const acc = ctx.access.ldevAccess(serverId, ldevId);
  if (!acc.ok) return { error: acc.reason };
  return { seg: RuntimeAccess.segmentOf(acc.path, false), port: portIndex(ctx, acc.arrayId, acc.portId) };
}

function libraryLeg(ctx: PathContext, fromId: string, libraryId: string, portId: string | undefined): PathSegment | { error: string } {
  const path = ctx.access.fcPathTo(fromId, libraryId, portId);
  return path ? RuntimeAccess.segmentOf(path, false) : { error: `no FC path from ${fromId} to library ${libraryId}` };
}

function lanLeg(ctx: PathContext, fromId: string, toId: string): PathSegment | { error: string } {
  return ctx.access.lanPath(fromId, toId) ?? { error: `no LAN path from ${fromId} to ${toId}` };
}

const failed = (x: object): x is { error: string } => 'error' in x;

export interface BackupPathSpec {
  source: string;
  libraryId: string;
  /** The FC port of the drive the job got (absent before a drive is granted: any port). */
  libraryPortId?: string;
  path: BackupPath;
  serverId?: string;
  backupServerId?: string;
}

/** Source LDEV → library. */
export function backupPath(ctx: PathContext, s: BackupPathSpec): JobPathResult {
  if (s.path === 'server-less') {
    const arrayId = arrayOf(ctx, s.source);
    if (arrayId === null) return { error: `no LDEV "${s.source}"` };
    const fc = ctx.access.fcPathTo(arrayId, s.libraryId, s.libraryPortId);
    if (!fc) return { error: `no FC path from array ${arrayId} to library ${s.libraryId}` };
    return finish(ctx, { readPort: portIndex(ctx, arrayId, fc.hbaPortId), writePort: -1, commandUs: 0, segments: [RuntimeAccess.segmentOf(fc, false)], servers: [] });
  }
  if (s.serverId === undefined) return { error: `a ${s.path} backup needs the server that reads the volume (serverId)` };
  const read = serverLeg(ctx, s.serverId, s.source);
  if (failed(read)) return read;
  const segments = [reversed(read.seg)];
  const servers = [s.serverId];
  let writer = s.serverId;
  if (s.path === 'lan') {
    if (s.backupServerId === undefined) return { error: 'a LAN backup needs the backup server that writes the tape (backupServerId)' };
    const lan = lanLeg(ctx, s.serverId, s.backupServerId);
    if (failed(lan)) return lan;
    segments.push(lan);
    servers.push(s.backupServerId);
    writer = s.backupServerId;
  }
  const tape = libraryLeg(ctx, writer, s.libraryId, s.libraryPortId);
  if (failed(tape)) return tape;
  segments.push(tape);
  return finish(ctx, { readPort: read.port, writePort: -1, commandUs: oneWayUs(ctx, read.seg), segments, servers });
}

export interface RestorePathSpec {
  target: string;
  libraryId: string;
  libraryPortId?: string;
  path: BackupPath;
  serverId?: string;
  backupServerId?: string;
}

/** Library → target LDEV. */
export function restorePath(ctx: PathContext, s: RestorePathSpec): JobPathResult {
  if (s.path === 'server-less') {
    const arrayId = arrayOf(ctx, s.target);
    if (arrayId === null) return { error: `no LDEV "${s.target}"` };
    const fc = ctx.access.fcPathTo(arrayId, s.libraryId, s.libraryPortId);
    if (!fc) return { error: `no FC path from array ${arrayId} to library ${s.libraryId}` };
    return finish(ctx, { readPort: -1, writePort: portIndex(ctx, arrayId, fc.hbaPortId), commandUs: 0, segments: [reversed(RuntimeAccess.segmentOf(fc, false))], servers: [] });
  }
  if (s.serverId === undefined) return { error: `a ${s.path} restore needs the server that writes the volume (serverId)` };
  const write = serverLeg(ctx, s.serverId, s.target);
  if (failed(write)) return write;
  const reader = s.path === 'lan' ? s.backupServerId : s.serverId;
  if (reader === undefined) return { error: 'a LAN restore needs the backup server that reads the tape (backupServerId)' };
  const tape = libraryLeg(ctx, reader, s.libraryId, s.libraryPortId);
  if (failed(tape)) return tape;
  const segments = [reversed(tape)];
  const servers = [reader];
  if (s.path === 'lan') {
    const lan = lanLeg(ctx, reader, s.serverId);
    if (failed(lan)) return lan;
    segments.push(lan);
    servers.push(s.serverId);
  }
  segments.push(write.seg);
  return finish(ctx, { readPort: -1, writePort: write.port, commandUs: 0, segments, servers });
}

export interface CopyPathSpec {
  source: string;
  target: string;
  serverId: string;
  via: 'san' | 'lan';
  targetServerId?: string;
}

/** Source LDEV → target LDEV through one server (SAN) or two (LAN). */
export function copyPath(ctx: PathContext, s: CopyPathSpec): JobPathResult {
  const read = serverLeg(ctx, s.serverId, s.source);
  if (failed(read)) return read;
  const writerId = s.via === 'lan' ? s.targetServerId : s.serverId;
  if (writerId === undefined) return { error: 'a LAN copy needs the server that writes the target (targetServerId)' };
  const write = serverLeg(ctx, writerId, s.target);
  if (failed(write)) return write;
  const segments = [reversed(read.seg)];
  const servers = [s.serverId];
  if (s.via === 'lan') {
    const lan = lanLeg(ctx, s.serverId, writerId);
    if (failed(lan)) return lan;
    segments.push(lan);
    servers.push(writerId);
  }
  segments.push(write.seg);
  return finish(ctx, { readPort: read.port, writePort: write.port, commandUs: oneWayUs(ctx, read.seg), segments, servers });
}
