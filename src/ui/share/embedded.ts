/**
 * Opening whatever a person drops or picks: a scenario/topology JSON file, or an image this app
 * exported (PNG with a `sandbox-scenario` tEXt chunk, SVG with `<metadata><sandbox-scenario>`).
 * The kind is decided by content (PNG signature, `<svg`), then by file name, never by MIME type
 * alone, which browsers often leave empty for dropped files.
 *
 * Invariants: never throws; every refusal is a ParseResult with a message saying what is wrong
 * ("This image carries no SANdbox scenario", a bad CRC, a damaged payload, a schema error with its
 * field path). Does not handle: applying the result to the store (open-shared.ts).
 */
import { parseDocumentText, type ParseResult } from '../../model/parse.ts';
import { decodePayload, failure } from './codec.ts';
import { isPng, readTextChunk, SCENARIO_CHUNK_KEY } from './png-chunks.ts';
import { readSvgPayload } from './svg-export.ts';

export const NO_SCENARIO_MESSAGE = 'This image carries no SANdbox scenario';
/** Files past this size are refused before reading (a scenario image is far smaller). */
export const OPENED_FILE_BYTES_MAX = 64 * 1024 * 1024;

export type OpenedKind = 'png' | 'svg' | 'json';

export function kindOf(name: string, bytes: Uint8Array): OpenedKind {
  if (isPng(bytes)) return 'png';
  const lower = name.toLowerCase();
  if (lower.endsWith('.png')) return 'png';
  if (lower.endsWith('.svg')) return 'svg';
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
  return head.startsWith('<') ? 'svg' : 'json';
}

function fromPng(bytes: Uint8Array): Promise<ParseResult> | ParseResult {
  const read = readTextChunk(bytes, SCENARIO_CHUNK_KEY);
  if (!read.ok) return failure(read.message);
  if (read.text === null) return failure(NO_SCENARIO_MESSAGE);
  return decodePayload(read.text);
}

function fromSvg(bytes: Uint8Array): Promise<ParseResult> | ParseResult {
  const read = readSvgPayload(new TextDecoder().decode(bytes));
  if (!read.ok) return failure(read.message);
  if (read.payload === null) return failure(NO_SCENARIO_MESSAGE);
  return decodePayload(read.payload);
}

/** A scenario from a file's name and bytes. */
export async function parseOpenedFile(name: string, bytes: Uint8Array): Promise<ParseResult> {
  if (bytes.length > OPENED_FILE_BYTES_MAX) return failure(`the file is larger than ${OPENED_FILE_BYTES_MAX / 1024 / 1024} MiB`);
  switch (kindOf(name, bytes)) {
    case 'png':
      return fromPng(bytes);
    case 'svg':
      return fromSvg(bytes);
    default:
      return parseDocumentText(new TextDecoder().decode(bytes));
  }
}
