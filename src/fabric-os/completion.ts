/**
 * Tab completion of the switch console's operands, for the browser console (console-keys.ts
 * asks here before the CCI completers): `login` takes switch ids; the first operand of an
 * alias / zone / configuration command takes the names of that kind in the fabric's zoning
 * (the session's transaction, else the fabric's database), completed inside its opening quote
 * (`zoneadd "z_d` → `zoneadd "z_db"`); `portdisable`, `portenable` and `portshow` take the
 * logged-in switch's port numbers. Pure; null when the line is not a FOS operand to complete.
 */
import type { Topology, Zoning } from '../model/topology.ts';
import { fabricZoning } from '../model/zoning.ts';
import { fosVerb } from './parse.ts';
import { portVerb } from './ports.ts';
import type { FosSession } from './session.ts';

export interface FosCompletion {
  text: string;
  cursor: number;
  candidates: string[];
}

const KIND_OF_VERB: Readonly<Record<string, keyof Pick<Zoning, 'aliases' | 'zones' | 'cfgs'>>> = {
  aliadd: 'aliases',
  aliremove: 'aliases',
  alidelete: 'aliases',
  alishow: 'aliases',
  zoneadd: 'zones',
  zoneremove: 'zones',
  zonedelete: 'zones',
  zoneshow: 'zones',
  cfgadd: 'cfgs',
  cfgremove: 'cfgs',
  cfgdelete: 'cfgs',
  cfgenable: 'cfgs',
  cfgshow: 'cfgs',
};

function prefixOf(words: readonly string[]): string {
  let p = words[0] ?? '';
  for (const w of words) while (!w.toLowerCase().startsWith(p.toLowerCase())) p = p.slice(0, -1);
  return p;
}

/** `portdisable 1` → the port numbers of the logged-in switch starting with 1; null when not a port operand. */
function completePortNumber(line: string, cursor: number, topology: Topology, session: FosSession): FosCompletion | null {
  const verb = portVerb(line);
  const m = /^\s*\S+\s+(\d*)$/.exec(line.slice(0, cursor));
  if (verb === null || verb === 'switchshow' || m === null) return null;
  const sw = topology.devices.find((d) => d.kind === 'fcSwitch' && d.id === session.switchId);
  const numbers = sw === undefined ? [] : sw.ports.filter((p) => p.kind === 'fc').map((_, i) => String(i));
  const hits = numbers.filter((n) => n.startsWith(m[1]));
  if (hits.length !== 1) return { text: line, cursor, candidates: hits.length > 1 ? hits : [] };
  const start = cursor - m[1].length;
  return { text: line.slice(0, start) + hits[0] + line.slice(cursor), cursor: start + hits[0].length, candidates: [] };
}

export function completeFosOperand(line: string, cursor: number, topology: Topology, session: FosSession): FosCompletion | null {
  const port = completePortNumber(line, cursor, topology, session);
  if (port !== null) return port;
  const verb = fosVerb(line);
  if (verb === null) return null;
  const before = line.slice(0, cursor);
  const m = /^\s*\S+\s+("?)([A-Za-z0-9_]*)$/.exec(before);
  if (m === null) return null;
  const [, quote, word] = m;
  let names: string[];
  if (verb === 'login') names = topology.devices.filter((d) => d.kind === 'fcSwitch').map((d) => d.id);
  else if (Object.hasOwn(KIND_OF_VERB, verb) && session.switchId !== null) {
    const z = session.transaction?.zoning ?? fabricZoning(topology, session.switchId)?.zoning;
    names = z === undefined ? [] : z[KIND_OF_VERB[verb]].map((o) => o.name);
  } else return null;
  const hits = names.filter((n) => n.toLowerCase().startsWith(word.toLowerCase())).sort();
  if (hits.length === 0) return { text: line, cursor, candidates: [] };
  const start = cursor - word.length;
  const close = quote === '"' ? '"' : '';
  const insert = hits.length === 1 ? `${hits[0]}${close}${verb === 'login' || verb.endsWith('show') || verb.endsWith('delete') || verb === 'cfgenable' ? '' : ', '}` : prefixOf(hits);
  if (hits.length > 1 && insert.length <= word.length) return { text: line, cursor, candidates: hits };
  const text = line.slice(0, start) + insert + line.slice(cursor);
  return { text, cursor: start + insert.length, candidates: hits.length === 1 ? [] : hits };
}
