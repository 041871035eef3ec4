/**
 * What the Share menu's items do, apart from the menu: copy a share link (clipboard, or hand the
 * link back for the fallback dialog when the clipboard is refused), export PNG / SVG, and tell
 * the user in the status line. Browser only; reads the design from the store at click time.
 *
 * Does not handle: rendering (ShareMenu.tsx, ShareLinkDialog.tsx).
 */
import { useStore } from '../store/index.ts';
import { exportPng, exportSvg } from './image-export.ts';
import { describeLength, makeShareLink } from './share-link.ts';

/** The link to show in the fallback dialog, or null when it was copied or refused. */
export async function copyShareLink(): Promise<string | null> {
  const s = useStore.getState();
  const link = await makeShareLink(s.scenario, location.href);
  if (!link.ok) {
    s.setError(link.message);
    return null;
  }
  try {
    await navigator.clipboard.writeText(link.url);
    s.setNotice(`Share link copied to the clipboard (${describeLength(link.chars)})`);
    return null;
  } catch {
    s.setNotice(`The clipboard was refused: copy the share link from the dialog (${describeLength(link.chars)})`);
    return link.url;
  }
}

export async function exportImage(kind: 'png' | 'svg'): Promise<void> {
  const s = useStore.getState();
  try {
    const name = kind === 'png' ? await exportPng(s.scenario) : await exportSvg(s.scenario);
    s.setNotice(`Exported ${name}: drop it on SANdbox to reopen the scenario`);
  } catch (e) {
    s.setError(`Could not export ${kind.toUpperCase()}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
