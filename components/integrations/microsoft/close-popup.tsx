'use client';

import { useEffect, useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;
const isPopup = () => Boolean(window.opener && window.opener !== window);

/** Closes the consent pop-up its dialog opened (O365-1); a tab opened from a copied link stays, with a button. */
export function ClosePopup({ label }: { label: string }) {
  // False on the server and while hydrating, then what the window says: no state set in an effect.
  const popup = useSyncExternalStore(noSubscription, isPopup, () => false);
  useEffect(() => {
    if (!popup) return;
    const timer = setTimeout(() => window.close(), 1500);
    return () => clearTimeout(timer);
  }, [popup]);
  if (!popup) return null;
  return (
    <button type="button" className="self-start rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={() => window.close()}>
      {label}
    </button>
  );
}
