/**
 * Sharing, pure layer (node): the payload codec round trip on every built-in scenario, share
 * links and their length limit, PNG chunk insertion/extraction with CRCs, SVG metadata, and
 * malformed inputs refused with a message that says what is wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentText, type ParseResult } from '../../model/parse.ts';
import type { Scenario } from '../../model/scenario.ts';
import { serializeScenario } from '../../model/serialize.ts';
import { decodePayload, deflateRaw, encodePayload, fromBase64Url, toBase64Url } from './codec.ts';
import { NO_SCENARIO_MESSAGE, parseOpenedFile } from './embedded.ts';
import { crc32, encodeChunk, insertTextChunk, readPngChunks, readTextChunk, SCENARIO_CHUNK_KEY } from './png-chunks.ts';
import { makeShareLink, readShareFragment } from './share-link.ts';
import { buildSvg, nameLines, readSvgPayload } from './svg-export.ts';

const DIR = join(__dirname, '../../../scenarios');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));

function load(file: string): Scenario {
  const r = parseDocumentText(readFileSync(join(DIR, file), 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${r.errors[0].message}`);
  return r.scenario;
}

function firstError(r: ParseResult): string {
  if (r.ok) throw new Error('expected a refusal');
  return r.errors[0].message;
}

/** A real 1×1 PNG (IHDR, IDAT, IEND). */
const PNG_1x1 = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
);

describe('share › codec', () => {
  it('has built-in scenarios to test', () => expect(FILES.length).toBeGreaterThan(5));

  it.each(FILES)('round trips %s byte-identical after serializeScenario', async (file) => {
    const s = load(file);
    const back = await decodePayload(await encodePayload(s));
    expect(back.ok).toBe(true);
    if (back.ok) expect(serializeScenario(back.scenario)).toBe(serializeScenario(s));
  });

  it('base64url round trips every length and byte value', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 0xff);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });

  it('refuses truncated base64 and foreign characters', async () => {
    expect(firstError(await decodePayload('abcde'))).toMatch(/truncated/);
    expect(firstError(await decodePayload('ab+c'))).toMatch(/invalid character "\+" at position 3/);
    expect(firstError(await decodePayload(''))).toMatch(/empty/);
  });

  it('refuses a payload cut short (damaged deflate stream)', async () => {
    const payload = await encodePayload(load(FILES[0]));
    expect(firstError(await decodePayload(payload.slice(0, Math.floor(payload.length / 2) & ~3)))).toMatch(/could not decompress/);
  });

  it('refuses well-compressed JSON that is not a scenario, naming the field', async () => {
    const bad = toBase64Url(await deflateRaw(new TextEncoder().encode('{"kind":"sandbox-scenario","version":2,"name":""}')));
    const r = await decodePayload(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path).join(' ')).toMatch(/name|topology|version/);
  });
});

describe('share › link', () => {
  it('puts the payload in #s= and reads it back, dropping any earlier fragment', async () => {
    const link = await makeShareLink(load(FILES[0]), 'http://host:1/app/?x=1#old');
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.url.startsWith('http://host:1/app/?x=1#s=')).toBe(true);
    const payload = readShareFragment(new URL(link.url).hash);
    expect(payload).not.toBeNull();
    expect((await decodePayload(payload ?? '')).ok).toBe(true);
  });

  it('ignores fragments that are not share links', () => {
    expect(readShareFragment('')).toBeNull();
    expect(readShareFragment('#section-2')).toBeNull();
    expect(readShareFragment('#s=abc')).toBe('abc');
  });

  it('refuses a link longer than the limit with a hint to Save', async () => {
    const link = await makeShareLink(load(FILES[0]), 'http://h/', 200);
    expect(link.ok).toBe(false);
    if (!link.ok) expect(link.message).toMatch(/Save/);
  });
});

describe('share › png chunks', () => {
  it('computes the standard CRC-32 check value and the IEND CRC', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(encodeChunk('IEND', new Uint8Array(0))).toEqual(PNG_1x1.subarray(PNG_1x1.length - 12));
  });

  it('inserts a tEXt chunk before IEND, keeps the other chunks and reads it back', () => {
    const out = insertTextChunk(PNG_1x1, SCENARIO_CHUNK_KEY, 'payload-1');
    const read = readPngChunks(out);
    expect(read.ok && read.chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'tEXt', 'IEND']);
    expect(readTextChunk(out, SCENARIO_CHUNK_KEY)).toEqual({ ok: true, text: 'payload-1' });
    expect(out.subarray(0, PNG_1x1.length - 12)).toEqual(PNG_1x1.subarray(0, PNG_1x1.length - 12));
    const again = insertTextChunk(out, SCENARIO_CHUNK_KEY, 'payload-2');
    expect(again.length).toBe(out.length);
    expect(readTextChunk(again, SCENARIO_CHUNK_KEY)).toEqual({ ok: true, text: 'payload-2' });
  });

  it('refuses a chunk with a wrong CRC, a truncated PNG and a non-PNG', () => {
    const out = insertTextChunk(PNG_1x1, SCENARIO_CHUNK_KEY, 'payload');
    const damaged = out.slice();
    damaged[PNG_1x1.length - 12 + 8 + 20] ^= 1; // a byte inside the tEXt text
    expect(readTextChunk(damaged, SCENARIO_CHUNK_KEY)).toMatchObject({ ok: false, message: expect.stringMatching(/tEXt .* CRC/) });
    expect(readTextChunk(out.subarray(0, out.length - 20), SCENARIO_CHUNK_KEY)).toMatchObject({ ok: false, message: expect.stringMatching(/truncated/) });
    expect(readTextChunk(new TextEncoder().encode('GIF89a...'), SCENARIO_CHUNK_KEY)).toMatchObject({ ok: false, message: expect.stringMatching(/not a PNG/) });
  });
});

describe('share › svg', () => {
  it('draws every device and cable, escapes names and round trips the payload', async () => {
    const s = load(FILES[0]);
    const t = { ...s.topology, devices: s.topology.devices.map((d, i) => (i === 0 ? { ...d, name: 'A <&> "B"' } : d)) };
    const svg = buildSvg(t, 'abc-_123');
    expect(svg.match(/class="device"/g)?.length).toBe(t.devices.length);
    expect(svg.match(/class="cable /g)?.length).toBe(t.links.length);
    expect(svg).toContain('A &lt;&amp;&gt; &quot;B&quot;');
    expect(svg).not.toContain('A <&>');
    expect(readSvgPayload(svg)).toEqual({ ok: true, payload: 'abc-_123' });
  });

  it('keeps parallel cables between one pair of devices apart and wraps long names', () => {
    const s = load(FILES[0]);
    const pairs = new Map<string, number>();
    for (const l of s.topology.links) pairs.set([l.a.deviceId, l.b.deviceId].sort().join(), (pairs.get([l.a.deviceId, l.b.deviceId].sort().join()) ?? 0) + 1);
    expect(Math.max(...pairs.values())).toBeGreaterThan(1); // the demo has a server with two HBAs on one switch
    const lines = [...buildSvg(s.topology, 'p').matchAll(/<line [^>]*x1="([^"]+)" y1="([^"]+)" x2="([^"]+)" y2="([^"]+)"/g)].map((m) => m.slice(1).join());
    expect(new Set(lines).size).toBe(lines.length);
    expect(nameLines('Database server 110')).toEqual(['Database server', '110']);
    expect(nameLines('Short')).toEqual(['Short']);
  });

  it('reports an SVG without metadata as carrying no payload, and text that is not SVG as an error', () => {
    expect(readSvgPayload('<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toEqual({ ok: true, payload: null });
    expect(readSvgPayload('hello')).toMatchObject({ ok: false });
  });
});

describe('share › opened files', () => {
  it('reopens a scenario from an SVG and from a PNG it was embedded in', async () => {
    const s = load(FILES[0]);
    const payload = await encodePayload(s);
    const fromSvg = await parseOpenedFile('d.svg', new TextEncoder().encode(buildSvg(s.topology, payload)));
    const fromPng = await parseOpenedFile('d.png', insertTextChunk(PNG_1x1, SCENARIO_CHUNK_KEY, payload));
    for (const r of [fromSvg, fromPng]) {
      expect(r.ok).toBe(true);
      if (r.ok) expect(serializeScenario(r.scenario)).toBe(serializeScenario(s));
    }
  });

  it('says an image without a scenario carries none', async () => {
    expect(firstError(await parseOpenedFile('plain.png', PNG_1x1))).toBe(NO_SCENARIO_MESSAGE);
    expect(firstError(await parseOpenedFile('plain.svg', new TextEncoder().encode('<svg></svg>')))).toBe(NO_SCENARIO_MESSAGE);
  });

  it('still opens plain JSON and names a JSON syntax error', async () => {
    const json = new TextEncoder().encode(serializeScenario(load(FILES[0])));
    expect((await parseOpenedFile('x.sandbox.json', json)).ok).toBe(true);
    expect(firstError(await parseOpenedFile('x.json', new TextEncoder().encode('{"a":')))).toMatch(/line 1/);
  });
});
