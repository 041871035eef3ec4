/**
 * The published JSON Schemas (`schema/*.schema.json`), generated from the zod schemas so they
 * can never disagree with what the loader accepts. Pure: returns file names and their text;
 * `scripts/gen-schema.ts` writes them and `schema-sync.test.ts` checks the committed copies.
 * The schemas describe the INPUT form (fields with defaults are optional).
 */
import { z } from 'zod';
import { Scenario } from './scenario.ts';
import { Topology } from './topology.ts';

interface SchemaFile {
  file: string;
  id: string;
  title: string;
  description: string;
  schema: z.ZodType;
}

const FILES: readonly SchemaFile[] = [
  {
    file: 'topology.schema.json',
    id: 'https://sandbox-san.dev/schema/topology.schema.json',
    title: 'SANdbox topology (v1)',
    description: 'A SAN design: sites, devices with typed ports, and the cables between ports. Generated from src/model/topology.ts by `npm run schema`; do not edit.',
    schema: Topology,
  },
  {
    file: 'scenario.schema.json',
    id: 'https://sandbox-san.dev/schema/scenario.schema.json',
    title: 'SANdbox scenario (v1)',
    description: 'A topology plus seed, duration, timeline of actions and expectations. Generated from src/model/scenario.ts by `npm run schema`; do not edit. See docs/scenarios.md.',
    schema: Scenario,
  },
];

/** `{ 'topology.schema.json': text, 'scenario.schema.json': text }`, each ending in a newline. */
export function generateJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of FILES) {
    const generated = z.toJSONSchema(f.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const { $schema, ...rest } = generated;
    const doc = { $schema, $id: f.id, title: f.title, description: f.description, ...rest };
    out[f.file] = `${JSON.stringify(doc, null, 2)}\n`;
  }
  return out;
}
