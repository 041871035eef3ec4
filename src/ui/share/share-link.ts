/**
 * Share links: the whole scenario in the URL fragment, `#s=<payload>` (codec.ts), so no server
 * ever sees it (browsers do not send the fragment). A link longer than SHARE_URL_CHARS_MAX is
 * refused: browsers, chat tools and mail clients cut or reject longer URLs; Save makes a file.
 *
 * Invariants: `readShareFragment(new URL(makeShareUrl(...)).hash)` gives back the payload; a
 * fragment that is not ours (`#foo`) is `null`, never an error, so other fragments keep working.
 * Does not handle: the clipboard, history or the store (ShareMenu.tsx, open-shared.ts).
 */
import type { Scenario } from '../../model/scenario.ts';
import { encodePayload } from './codec.ts';

/** The fragment key: `#s=…`. */
export const SHARE_FRAGMENT_KEY = 's';
/** ~64 kB: past this a link is refused with a hint to Save instead. */
export const SHARE_URL_CHARS_MAX = 64_000;

export type ShareLink = { ok: true; url: string; chars: number } | { ok: false; chars: number; message: string };

/** The page URL without any fragment, plus `#s=<payload>`. */
export function shareUrlFor(pageUrl: string, payload: string): string {
  const base = pageUrl.replace(/#.*$/s, '');
  return `${base}#${SHARE_FRAGMENT_KEY}=${payload}`;
}

export async function makeShareLink(s: Scenario, pageUrl: string, maxChars = SHARE_URL_CHARS_MAX): Promise<ShareLink> {
  const url = shareUrlFor(pageUrl, await encodePayload(s));
  if (url.length > maxChars) {
    const kB = Math.ceil(url.length / 1000);
    return {
      ok: false,
      chars: url.length,
      message: `This design makes a ${kB} kB link, longer than browsers accept (${maxChars / 1000} kB). Use Save to share it as a file instead.`,
    };
  }
  return { ok: true, url, chars: url.length };
}

/** The payload of a `#s=…` fragment (with or without '#'); null when the fragment is not a share link. */
export function readShareFragment(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const prefix = `${SHARE_FRAGMENT_KEY}=`;
  return body.startsWith(prefix) ? body.slice(prefix.length) : null;
}

/** "1.8 kB" / "640 characters": how long a link is, for the notice. */
export function describeLength(chars: number): string {
  return chars < 1000 ? `${chars} characters` : `${(chars / 1000).toFixed(1)} kB`;
}
