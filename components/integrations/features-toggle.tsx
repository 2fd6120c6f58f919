'use client';

import { useT } from '@/components/i18n-provider';

/** The "Features" disclosure of an integration row: shows and hides the list it controls. */
export function FeaturesToggle({ open, controls, onToggle }: { open: boolean; controls: string; onToggle: () => void }) {
  const t = useT();
  return (
    <button type="button" aria-expanded={open} aria-controls={controls} onClick={onToggle} className="inline-flex items-center gap-1 rounded text-sm font-medium text-brand-700 hover:underline">
      <span aria-hidden className={`inline-block transition ${open ? 'rotate-90' : ''}`}>
        ▸
      </span>
      {t('integrations.features.title')}
    </button>
  );
}
