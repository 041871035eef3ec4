/**
 * Units in fio's notation. Sizes use binary multiples as fio does by default
 * (`4k` = 4096 bytes, `1m` = 1 MiB, `10g` = 10 GiB); the optional `i`/`b` suffix is accepted.
 */
const MULTIPLIERS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Parse `4k`, `256K`, `1m`, `10GiB`, `4096` into bytes; throws on anything else. */
export function parseSizeBytes(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
  if (!m) throw new Error(`not a size: "${text}" (use e.g. 4k, 64k, 1m, 10g)`);
  const bytes = Number(m[1]) * MULTIPLIERS[m[2].toLowerCase()];
  if (!Number.isFinite(bytes) || bytes <= 0) throw new Error(`not a positive size: "${text}"`);
  return Math.round(bytes);
}

export const GIB = 1024 ** 3;
export const KIB = 1024;
export const MIB = 1024 ** 2;

/** Format bytes for people: 4.0 KiB, 1.5 GiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}
