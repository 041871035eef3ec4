/**
 * The fallback when the clipboard is refused: the share link in a read-only field, selected, to
 * copy by hand, with its length. Rendered only while `url` is not null.
 */
import { useEffect, useRef } from 'react';
import { useModalDialog } from '../design/useModalDialog.ts';
import { describeLength } from './share-link.ts';

export function ShareLinkDialog({ url, onClose }: { url: string | null; onClose: () => void }) {
  const ref = useModalDialog(url !== null, onClose);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (url !== null) field.current?.select();
  }, [url]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="share-link-title">
      <h2 id="share-link-title">Share link</h2>
      <p>The browser refused the clipboard. Copy the link below ({describeLength(url?.length ?? 0)}); it carries the whole scenario, so no server is involved.</p>
      <textarea
        ref={field}
        readOnly
        aria-label="Share link"
        value={url ?? ''}
        rows={5}
        style={{ width: 'min(560px, 80vw)', font: '12px var(--mono)', wordBreak: 'break-all' }}
        onFocus={(e) => e.currentTarget.select()}
      />
      <form method="dialog" className="dialog-actions">
        <button type="submit" className="btn btn-primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
