/**
 * PNG text chunks, byte level: CRC-32 (ISO 3309, as PNG §5.5 defines it), walking the chunk list,
 * inserting a `tEXt` chunk just before IEND and reading it back. The scenario travels as a tEXt
 * chunk keyed SCENARIO_CHUNK_KEY whose text is the codec payload (base64url, so Latin-1 safe).
 *
 * Invariants: `insertTextChunk` keeps every other chunk byte-for-byte, replaces an earlier chunk
 * with the same key (no duplicates), and its output passes `readPngChunks`; reading verifies the
 * signature, every chunk's length and every chunk's CRC, so a damaged file is refused with the
 * chunk and offset that is wrong. Does not handle: decoding pixels or compressed (zTXt/iTXt) text.
 */

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
export const SCENARIO_CHUNK_KEY = 'sandbox-scenario';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `bytes` (unsigned). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field in the file. */
  offset: number;
  data: Uint8Array;
}

export type ChunkRead = { ok: true; chunks: PngChunk[] } | { ok: false; message: string };

function u32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Every chunk up to and including IEND, with lengths and CRCs checked. */
export function readPngChunks(bytes: Uint8Array): ChunkRead {
  if (!isPng(bytes)) return { ok: false, message: 'not a PNG image (the PNG signature is missing)' };
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return { ok: false, message: `the PNG is truncated at byte ${at}` };
    const length = u32(bytes, at);
    const end = at + 12 + length;
    if (end > bytes.length) return { ok: false, message: `the PNG is truncated: a chunk at byte ${at} runs past the end` };
    const type = latin1(bytes.subarray(at + 4, at + 8));
    const stored = u32(bytes, end - 4);
    const actual = crc32(bytes.subarray(at + 4, end - 4));
    if (stored !== actual) return { ok: false, message: `the PNG is damaged: chunk ${type} at byte ${at} fails its CRC check` };
    chunks.push({ type, offset: at, data: bytes.subarray(at + 8, end - 4) });
    at = end;
    if (type === 'IEND') return { ok: true, chunks };
  }
  return { ok: false, message: 'the PNG is truncated: it has no IEND chunk' };
}

/** One chunk's bytes: length, type, data, CRC over type and data. */
export function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function textChunkData(key: string, text: string): Uint8Array {
  const data = new Uint8Array(key.length + 1 + text.length);
  for (let i = 0; i < key.length; i++) data[i] = key.charCodeAt(i);
  data[key.length] = 0; // keyword separator
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new Error('tEXt text must be Latin-1');
    data[key.length + 1 + i] = c;
  }
  return data;
}

function splitText(data: Uint8Array): { key: string; text: string } | null {
  const nul = data.indexOf(0);
  return nul < 1 ? null : { key: latin1(data.subarray(0, nul)), text: latin1(data.subarray(nul + 1)) };
}

/** A copy of the PNG with a `tEXt` chunk `key` → `text` just before IEND (replacing any earlier one). */
export function insertTextChunk(png: Uint8Array, key: string, text: string): Uint8Array {
  const read = readPngChunks(png);
  if (!read.ok) throw new Error(read.message);
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  for (const c of read.chunks) {
    const end = c.offset + 12 + c.data.length;
    if (c.type === 'tEXt' && splitText(c.data)?.key === key) continue;
    if (c.type === 'IEND') parts.push(encodeChunk('tEXt', textChunkData(key, text)));
    parts.push(png.subarray(c.offset, end));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export type TextRead = { ok: true; text: string | null } | { ok: false; message: string };

/** The text of the `tEXt` chunk keyed `key`: null when the (valid) PNG has none. */
export function readTextChunk(png: Uint8Array, key: string): TextRead {
  const read = readPngChunks(png);
  if (!read.ok) return read;
  for (const c of read.chunks) {
    if (c.type !== 'tEXt') continue;
    const t = splitText(c.data);
    if (t?.key === key) return { ok: true, text: t.text };
  }
  return { ok: true, text: null };
}
