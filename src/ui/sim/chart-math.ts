/**
 * Pure helpers of the charts: the run summary's category labels, the live charts' gaps. No
 * React, no DOM (unit-tested in chart-math.test.ts).
 */

/**
 * A live line's values as uPlot draws them: NaN (a sample without a value) becomes null, which
 * uPlot draws as a gap; values without NaN are passed through as they are (no copy).
 */
export function withGaps(values: Float64Array): Float64Array | (number | null)[] {
  let i = 0;
  while (i < values.length && !Number.isNaN(values[i])) i++;
  if (i === values.length) return values;
  return Array.from(values, (v) => (Number.isNaN(v) ? null : v));
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
