/**
 * `npm run schema`: regenerate schema/topology.schema.json and schema/scenario.schema.json from
 * the zod schemas (src/model/json-schema.ts). Commit the result; schema-sync.test.ts fails when
 * the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateJsonSchemas } from '../src/model/json-schema.ts';

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');
mkdirSync(schemaDir, { recursive: true });
for (const [file, text] of Object.entries(generateJsonSchemas())) {
  writeFileSync(join(schemaDir, file), text);
  console.log(`wrote schema/${file} (${text.length} bytes)`);
}
