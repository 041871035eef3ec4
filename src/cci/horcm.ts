/**
 * Reading horcm.conf, CCI's instance configuration file, so a trainer can import the copy groups
 * of a real site (`horcm0.conf` for the P-VOL side, `horcm1.conf` for the S-VOL side).
 *
 * Owns: the sections and their fields —
 *   HORCM_MON   ip_address service poll(10ms) timeout(10ms)
 *   HORCM_CMD   command devices (accepted, kept as text, otherwise ignored)
 *   HORCM_DEV   dev_group dev_name port# TargetID LU# [MU#]
 *   HORCM_LDEV  dev_group dev_name Serial# CU:LDEV(LDEV#) [MU#]
 *   HORCM_INST  dev_group ip_address service        (HORCM_INSTP: plus a path id)
 * `#` starts a comment. HORCM_ALLOW_INST, HORCM_LDEVG, HORCM_CTQM and HORCM_VCMD are accepted and
 * ignored. Every error names the 1-based line, the section and the field:
 * `line 7: HORCM_DEV: LU# "x" is not a number`. A line in error is left out of the result; the
 * other lines are still read, so one pass reports every error.
 * Does not handle: resolving ports and LDEVs against a topology (horcm-groups.ts).
 */
import { Id } from '../model/topology.ts';

export interface HorcmMon {
  line: number;
  host: string;
  service: string;
  pollMs10: number;
  timeoutMs10: number;
}

/** A HORCM_DEV line: the volume behind (port#, LU#). */
export interface HorcmDev {
  line: number;
  group: string;
  device: string;
  port: string;
  targetId: number;
  lun: number;
  /** MU#, with or without CCI's leading `h`; null when absent. */
  mu: number | null;
}

/** A HORCM_LDEV line: the volume named by array serial and LDEV number (or SANdbox LDEV id). */
export interface HorcmLdev {
  line: number;
  group: string;
  device: string;
  serial: number;
  ldev: string;
  mu: number | null;
}

export interface HorcmInst {
  line: number;
  group: string;
  host: string;
  service: string;
}

export interface HorcmConf {
  mon: HorcmMon | null;
  commandDevices: string[];
  devs: HorcmDev[];
  ldevs: HorcmLdev[];
  insts: HorcmInst[];
}

export interface HorcmError {
  line?: number;
  message: string;
}

export interface HorcmParseResult {
  conf: HorcmConf;
  errors: HorcmError[];
}

export { formatHorcm, horcmToCopyGroups, type HorcmExport, type HorcmGroupOptions, type HorcmGroupsResult } from './horcm-groups.ts';

const SECTIONS = ['HORCM_MON', 'HORCM_CMD', 'HORCM_DEV', 'HORCM_LDEV', 'HORCM_INST', 'HORCM_INSTP'] as const;
type Section = (typeof SECTIONS)[number];
const IGNORED_SECTIONS = new Set(['HORCM_ALLOW_INST', 'HORCM_LDEVG', 'HORCM_CTQM', 'HORCM_VCMD']);

/** MU# is 0…1023 (Thin Image generations); ShadowImage uses 0…2. */
export const MU_MAX = 1023;

class LineError extends Error {}

function bad(message: string): never {
  throw new LineError(message);
}

function name(field: string, v: string): string {
  if (!Id.safeParse(v).success) bad(`${field} "${v}" is not a valid name (letters, digits and - _ . : only)`);
  return v;
}

function integer(field: string, v: string, max: number, allowNegative = false): number {
  const ok = allowNegative ? /^-?\d+$/.test(v) : /^\d+$/.test(v);
  if (!ok) bad(`${field} "${v}" is not a number`);
  const n = Number(v);
  if (n > max) bad(`${field} ${v} is out of range (0-${max})`);
  return n;
}

function muOf(v: string | undefined): number | null {
  if (v === undefined) return null;
  const m = /^h?(\d+)$/i.exec(v);
  if (!m) bad(`MU# "${v}" is not a number (0, 1, … or h0, h1, …)`);
  return integer('MU#', m[1], MU_MAX);
}

function fieldCount(fields: string[], min: number, max: number, layout: string): void {
  if (fields.length < min || fields.length > max) bad(`expected ${layout}, got ${fields.length} field${fields.length === 1 ? '' : 's'}`);
}

type Builder = (fields: string[], line: number, conf: HorcmConf) => void;

const BUILDERS: Record<Section, Builder> = {
  HORCM_MON: (f, line, conf) => {
    fieldCount(f, 4, 4, 'ip_address service poll(10ms) timeout(10ms)');
    if (conf.mon !== null) bad(`a second monitor line (the first is on line ${conf.mon.line})`);
    conf.mon = { line, host: f[0], service: f[1], pollMs10: integer('poll', f[2], 1e9, true), timeoutMs10: integer('timeout', f[3], 1e9, true) };
  },
  HORCM_CMD: (f, _line, conf) => {
    conf.commandDevices.push(...f);
  },
  HORCM_DEV: (f, line, conf) => {
    fieldCount(f, 5, 6, 'dev_group dev_name port# TargetID LU# [MU#]');
    const [group, device] = [name('dev_group', f[0]), name('dev_name', f[1])];
    assertNew(conf, group, device);
    conf.devs.push({ line, group, device, port: f[2], targetId: integer('TargetID', f[3], 255), lun: integer('LU#', f[4], 2047), mu: muOf(f[5]) });
  },
  HORCM_LDEV: (f, line, conf) => {
    fieldCount(f, 4, 5, 'dev_group dev_name Serial# CU:LDEV(LDEV#) [MU#]');
    const [group, device] = [name('dev_group', f[0]), name('dev_name', f[1])];
    assertNew(conf, group, device);
    conf.ldevs.push({ line, group, device, serial: integer('Serial#', f[2], 999_999_999), ldev: name('LDEV#', f[3]), mu: muOf(f[4]) });
  },
  HORCM_INST: (f, line, conf) => {
    fieldCount(f, 3, 3, 'dev_group ip_address service');
    conf.insts.push({ line, group: name('dev_group', f[0]), host: f[1], service: f[2] });
  },
  HORCM_INSTP: (f, line, conf) => {
    fieldCount(f, 3, 4, 'dev_group ip_address service [pathID]');
    conf.insts.push({ line, group: name('dev_group', f[0]), host: f[1], service: f[2] });
  },
};

/** A dev_group/dev_name pair names one volume per file. */
function assertNew(conf: HorcmConf, group: string, device: string): void {
  const first = [...conf.devs, ...conf.ldevs].find((e) => e.group === group && e.device === device);
  if (first !== undefined) bad(`${group} ${device} is already defined on line ${first.line}`);
}

function sectionHeader(word: string, fields: string[]): Section | 'ignored' | null {
  if (!/^HORCM_[A-Z_]+$/.test(word)) return null;
  if (fields.length > 1) bad(`${word} must stand alone on its line`);
  if ((SECTIONS as readonly string[]).includes(word)) return word as Section;
  if (IGNORED_SECTIONS.has(word)) return 'ignored';
  return bad(`unknown section ${word}`);
}

/** Parses horcm.conf text. `errors` is empty when every line was understood. */
export function parseHorcm(text: string): HorcmParseResult {
  const conf: HorcmConf = { mon: null, commandDevices: [], devs: [], ldevs: [], insts: [] };
  const errors: HorcmError[] = [];
  let section: Section | 'ignored' | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const fields = raw.replace(/#.*$/, '').trim().split(/\s+/).filter((f) => f !== '');
    if (fields.length === 0) return;
    try {
      const header = sectionHeader(fields[0], fields);
      if (header !== null) {
        section = header;
        return;
      }
      if (section === null) bad(`"${fields[0]}" comes before any section (HORCM_MON, HORCM_CMD, HORCM_DEV, HORCM_LDEV, HORCM_INST)`);
      if (section === 'ignored') return;
      BUILDERS[section](fields, line, conf);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      const where = section === null || section === 'ignored' || /^HORCM_/.test(fields[0]) ? '' : `${section}: `;
      errors.push({ line, message: `line ${line}: ${where}${e.message}` });
    }
  });
  return { conf, errors };
}
