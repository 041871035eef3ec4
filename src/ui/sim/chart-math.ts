/**
 * Pure helpers of the charts: nice axis ticks, the live charts' per-pixel path, and the
 * summary's category labels. No React, no DOM (unit-tested in chart-math.test.ts).
 */

/** 1, 2, 2.5, 5 × 10^k at or above `v`. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v - 1e-12 * p) return m * p;
  return 10 * p;
}

/** 0 … top in about `count` nice steps, top ≥ max. */
export function valueTicks(max: number, count: number): number[] {
  const step = niceCeil(max / count);
  const top = step * Math.max(1, Math.ceil(max / step - 1e-9));
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + 1e-9; i++) ticks.push(Math.round(i * step * 1e6) / 1e6);
  return ticks;
}

const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];

/** Round-second ticks, at most `max` of them, inside [t0, t1]. */
export function timeTicks(t0: number, t1: number, max: number): number[] {
  const span = Math.max(1, t1 - t0);
  const step = TIME_STEPS.find((s) => span / s <= max) ?? 3600 * Math.ceil(span / 3600 / max);
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push(t);
  return ticks;
}

/**
 * One path per line, in recharts' pixel space (x = x0 + kx·t, y = y0 + ky·v). Per pixel column
 * only the entry, min, max and exit points are kept, on whole pixels — the same accumulation
 * and pixel alignment as uPlot's linear path builder.
 */
export function linePath(t: Float64Array, v: Float64Array, x0: number, kx: number, y0: number, ky: number): string {
  const n = Math.min(t.length, v.length);
  if (n === 0) return '';
  const r = Math.round;
  let d = '';
  let accX = r(x0 + kx * t[0]);
  let inY = r(y0 + ky * v[0]);
  let minY = inY;
  let maxY = inY;
  let outY = inY;
  const flush = () => {
    d += `${d === '' ? 'M' : 'L'}${accX},${inY}`;
    if (minY !== maxY) d += `L${accX},${minY}L${accX},${maxY}`;
    if (outY !== inY) d += `L${accX},${outY}`;
  };
  for (let i = 1; i < n; i++) {
    const x = r(x0 + kx * t[i]);
    const y = r(y0 + ky * v[i]);
    if (x === accX) {
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      outY = y;
    } else {
      flush();
      accX = x;
      inY = minY = maxY = outY = y;
    }
  }
  flush();
  return d;
}

/** Up to two lines of at most `max` characters, breaking at spaces; the rest is cut with "…". */
export function wrapLabel(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= max || !line) {
      line = next;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === 2) break;
  }
  if (lines.length < 2 && line) lines.push(line);
  const used = lines.join(' ').length;
  return lines.map((l, i) => {
    const cut = l.length > max ? `${l.slice(0, max - 1)}…` : l;
    return i === lines.length - 1 && used < text.length && !cut.endsWith('…') ? `${cut.slice(0, max - 1)}…` : cut;
  });
}
