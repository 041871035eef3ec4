/**
 * Pointing a compile error at the document: turns `CompileError(deviceId, field)` into a
 * document path (`topology.devices[3].ldevs[0].parityGroupId`) and, for text input, a line.
 *
 * Owns: nothing but that mapping. Does not handle: schema errors (model/parse.ts locates those).
 */
import { positionOf, scanJson, type PathSegment } from '../model/json-positions.ts';
import type { Scenario } from '../model/scenario.ts';
import type { CompileError } from '../engine/compile.ts';

/** `a.b[2].c` → ['a', 'b', 2, 'c']. */
export function pathSegments(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1] !== '') out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The document path of a compile error's field. */
export function compileErrorPath(scenario: Scenario, err: CompileError): string {
  if (err.field.startsWith('timeline[')) return err.field;
  const d = scenario.topology.devices.findIndex((x) => x.id === err.deviceId);
  if (d >= 0) return `topology.devices[${d}].${err.field}`;
  const l = scenario.topology.links.findIndex((x) => x.id === err.deviceId);
  if (l >= 0) return `topology.links[${l}].${err.field}`;
  return err.field;
}

/** "<path> (line N): message" for a compile error found in `text`. */
export function describeCompileError(scenario: Scenario, err: CompileError, text: string): string {
  const path = compileErrorPath(scenario, err);
  const scan = scanJson(text);
  const at = scan.ok ? positionOf(scan.positions, pathSegments(path)) : null;
  const where = at ? ` (line ${at.line})` : '';
  return `${path}${where}: ${err.deviceId}: ${err.detail}`;
}
