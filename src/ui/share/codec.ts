/**
 * The scenario payload that a share link, an exported SVG and an exported PNG all carry:
 * base64url (RFC 4648 §5, no padding) of deflate-raw (RFC 1951) of the scenario's JSON with keys
 * in schema order (`orderValue`, compact). Compression is the platform's CompressionStream /
 * DecompressionStream (Chromium and Node ≥ 20), so there is no dependency.
 *
 * Invariants: `decodePayload(await encodePayload(s))` parses to a scenario whose
 * `serializeScenario` is byte-identical to that of `s`; inflated text is capped at
 * INFLATED_BYTES_MAX, so a small link cannot expand into gigabytes. Decoding never throws: every
 * failure is a ParseResult with one located error saying which step failed.
 *
 * Does not handle: URLs, files or images (share-link.ts, png-chunks.ts, svg-export.ts).
 */
import { orderValue } from '../../model/serialize.ts';
import { parseDocumentText, type ParseResult } from '../../model/parse.ts';
import { Scenario } from '../../model/scenario.ts';

/** A scenario's JSON is at most a few MB (5000 devices); 32 MiB leaves room and stops bombs. */
export const INFLATED_BYTES_MAX = 32 * 1024 * 1024;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

export function failure(message: string): ParseResult {
  return { ok: false, errors: [{ path: '', line: null, column: null, message }] };
}

/** Bytes → base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    if (left > 1) out += ALPHABET[(n >> 6) & 63];
    if (left > 2) out += ALPHABET[n & 63];
  }
  return out;
}

/** base64url (padding tolerated) → bytes; a message naming the first bad character otherwise. */
export function fromBase64Url(text: string): Uint8Array | string {
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return `the encoded text is truncated (${body.length} characters is not a whole number of bytes)`;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const v = LOOKUP.get(body[i]);
    if (v === undefined) return `the encoded text has an invalid character ${JSON.stringify(body[i])} at position ${i + 1}`;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

async function pump(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new Error(`the scenario inflates to more than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const source = new Blob([bytes as BlobPart]).stream();
  return pump(source.pipeThrough(transform as unknown as TransformStream<Uint8Array, Uint8Array>), limit);
}

export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return through(bytes, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
}

export function inflateRaw(bytes: Uint8Array, limit = INFLATED_BYTES_MAX): Promise<Uint8Array> {
  return through(bytes, new DecompressionStream('deflate-raw'), limit);
}

/** The compact, schema-ordered JSON of a scenario (what gets compressed). */
export function compactJson(s: Scenario): string {
  return JSON.stringify(orderValue(s, Scenario));
}

/** Scenario → base64url(deflate-raw(compact JSON)). */
export async function encodePayload(s: Scenario): Promise<string> {
  return toBase64Url(await deflateRaw(new TextEncoder().encode(compactJson(s))));
}

/** base64url(deflate-raw(JSON)) → validated scenario (migrations included), or what went wrong. */
export async function decodePayload(encoded: string): Promise<ParseResult> {
  if (encoded.length === 0) return failure('the scenario data is empty');
  const bytes = fromBase64Url(encoded);
  if (typeof bytes === 'string') return failure(bytes);
  let inflated: Uint8Array;
  try {
    inflated = await inflateRaw(bytes);
  } catch (e) {
    const why = e instanceof Error && /inflates to more/.test(e.message) ? e.message : 'the compressed data is damaged or truncated';
    return failure(`could not decompress the scenario: ${why}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return failure('the decompressed scenario is not UTF-8 text');
  }
  return parseDocumentText(text);
}
