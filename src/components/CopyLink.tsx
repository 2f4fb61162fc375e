import { useState } from 'react';

/**
 * Copies the page's address, which holds every setting and the seed (CONTRACT.md), so the link reproduces the
 * view. Where the clipboard is refused, the address is shown selected for the reader to copy by hand.
 */
export function CopyLink() {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async () => {
    const url = window.location.href;
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
      setTimeout(() => setState('idle'), 2000);
    } catch {
      setState('manual');
    }
  };
  return (
    <span className="copy-link">
      <button type="button" className="button small" onClick={() => void copy()} data-testid="copy-link">
        {state === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      {state === 'manual' && (
        <input
          className="copy-link-manual"
          readOnly
          value={window.location.href}
          aria-label="This page's link (copy it by hand)"
          ref={(el) => el?.select()}
          onBlur={() => setState('idle')}
        />
      )}
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'The link to this view is on the clipboard.' : ''}
      </span>
    </span>
  );
}
