import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateJsonSchemas } from './json-schema.ts';

describe('schema sync › committed JSON Schemas match the zod schemas', () => {
  it.each(Object.entries(generateJsonSchemas()))('schema/%s is up to date', (file, fresh) => {
    let committed = '';
    try {
      committed = readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8');
    } catch {
      committed = '(missing)';
    }
    expect(committed === fresh, `schema/${file} is stale or missing: run \`npm run schema\` and commit the result`).toBe(true);
  });

  it('publishes $id and title', () => {
    const scenario = JSON.parse(generateJsonSchemas()['scenario.schema.json']);
    expect(scenario.$id).toMatch(/scenario\.schema\.json$/);
    expect(scenario.title).toMatch(/scenario/i);
    expect(scenario.properties.topology.properties.devices).toBeDefined();
  });
});
