/**
 * Pure helpers of the charts: the run summary's category labels. No React, no DOM
 * (unit-tested in chart-math.test.ts).
 */

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
