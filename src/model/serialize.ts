/**
 * Stable serialisation of documents: pretty JSON (2 spaces, trailing newline) whose object keys
 * come in the order the zod schema declares them (version, kind, name … / id, name, kind,
 * siteId, position, ports …); keys the schema does not know follow, alphabetically. So a saved
 * file diffs cleanly, serialising twice gives identical bytes, and the order of keys in the input
 * never matters.
 *
 * The key order is read from the schema itself (zod's public `_zod.def`), so it cannot drift from
 * topology.ts / scenario.ts. Values are not validated or changed here: only keys are ordered.
 */
import type { z } from 'zod';
import { Scenario } from './scenario.ts';
import { Topology } from './topology.ts';

type Schema = z.core.$ZodType;
type Def = Record<string, unknown> & { type: string };

function defOf(schema: Schema): Def {
  return schema._zod.def as unknown as Def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

/** Strip optional/default/pipe/lazy wrappers down to the schema that shapes the value. */
function unwrap(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 32; i++) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type)) s = def.innerType as Schema;
    else if (def.type === 'pipe') s = def.in as Schema;
    else if (def.type === 'lazy') s = (def.getter as () => Schema)();
    else return s;
  }
  return s;
}

function literalValues(schema: Schema): unknown[] {
  const def = defOf(unwrap(schema));
  return def.type === 'literal' || def.type === 'enum' ? (Array.isArray(def.values) ? def.values : Object.values(def.entries as object)) : [];
}

/** The union member that describes `value`: by discriminator, else the first object member. */
function chooseOption(def: Def, value: Record<string, unknown>): Schema | null {
  const options = (def.options as Schema[]).map(unwrap);
  const objects = options.filter((o) => defOf(o).type === 'object');
  const disc = def.discriminator;
  if (typeof disc === 'string') {
    const match = objects.find((o) => literalValues((defOf(o).shape as Record<string, Schema>)[disc]).includes(value[disc]));
    if (match) return match;
  }
  return objects[0] ?? null;
}

function orderObject(value: Record<string, unknown>, schema: Schema | null): Record<string, unknown> {
  let shape: Record<string, Schema> = {};
  if (schema) {
    const s = unwrap(schema);
    const def = defOf(s);
    const chosen = def.type === 'union' ? chooseOption(def, value) : def.type === 'object' ? s : null;
    if (chosen) shape = defOf(chosen).shape as Record<string, Schema>;
  }
  const known = Object.keys(shape).filter((k) => k in value);
  const rest = Object.keys(value).filter((k) => !(k in shape)).sort();
  const out: Record<string, unknown> = {};
  for (const k of [...known, ...rest]) out[k] = orderValue(value[k], shape[k] ?? null);
  return out;
}

function elementSchema(schema: Schema | null): Schema | null {
  if (!schema) return null;
  const def = defOf(unwrap(schema));
  return def.type === 'array' ? (def.element as Schema) : null;
}

/** A copy of `value` with object keys in schema order (unknown keys alphabetical). */
export function orderValue(value: unknown, schema: Schema | null): unknown {
  if (Array.isArray(value)) {
    const element = elementSchema(schema);
    return value.map((v) => orderValue(v, element));
  }
  if (typeof value === 'object' && value !== null) return orderObject(value as Record<string, unknown>, schema);
  return value;
}

/** Pretty JSON with schema key order and a trailing newline. */
export function serializeWith(value: unknown, schema: Schema | null): string {
  return `${JSON.stringify(orderValue(value, schema), null, 2)}\n`;
}

export function serializeScenario(s: Scenario): string {
  return serializeWith(s, Scenario);
}

export function serializeTopology(t: Topology): string {
  return serializeWith(t, Topology);
}
