/**
 * Export the design as an image that reopens it: SVG (svg-export.ts) and PNG (that SVG drawn on a
 * canvas, then a `sandbox-scenario` tEXt chunk spliced in before IEND). Browser only.
 *
 * Invariants: the exported file always carries the payload of the scenario as it was when Export
 * was pressed; the PNG is at most RASTER_SIDE_PX_MAX on its longer side (browsers refuse larger
 * canvases), scaled 2× when it fits, for crisp text. Does not handle: choosing a file name
 * (file-io.ts's rule is reused) or telling the user (ShareMenu.tsx).
 */
import type { Scenario } from '../../model/scenario.ts';
import { downloadBlob, fileNameFor } from '../design/file-io.ts';
import { encodePayload } from './codec.ts';
import { insertTextChunk, SCENARIO_CHUNK_KEY } from './png-chunks.ts';
import { buildSvg } from './svg-export.ts';

export const RASTER_SIDE_PX_MAX = 8192;
const RASTER_SCALE = 2;

function baseName(s: Scenario): string {
  return fileNameFor(s).replace(/\.sandbox\.json$/, '');
}


export async function svgOf(s: Scenario): Promise<string> {
  return buildSvg(s.topology, await encodePayload(s), s.name);
}

function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="(\d+)"\s+height="(\d+)"/.exec(svg);
  return { width: Number(m?.[1] ?? 300), height: Number(m?.[2] ?? 150) };
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the browser could not draw the SVG'));
    img.src = url;
  });
}

/** Rasterise an SVG document to PNG bytes. */
export async function rasterise(svg: string): Promise<Uint8Array> {
  const { width, height } = svgSize(svg);
  const scale = Math.min(RASTER_SCALE, RASTER_SIDE_PX_MAX / Math.max(width, height));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas in this browser');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the browser could not encode the PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Download `<name>.svg`; returns the file name. */
export async function exportSvg(s: Scenario): Promise<string> {
  const name = `${baseName(s)}.svg`;
  downloadBlob(new Blob([await svgOf(s)], { type: 'image/svg+xml' }), name);
  return name;
}

/** Download `<name>.png` carrying the scenario; returns the file name. */
export async function exportPng(s: Scenario): Promise<string> {
  const payload = await encodePayload(s);
  const png = insertTextChunk(await rasterise(buildSvg(s.topology, payload, s.name)), SCENARIO_CHUNK_KEY, payload);
  const name = `${baseName(s)}.png`;
  downloadBlob(new Blob([png as BlobPart], { type: 'image/png' }), name);
  return name;
}
