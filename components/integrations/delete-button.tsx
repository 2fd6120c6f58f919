'use client';

import { useT } from '@/components/i18n-provider';

/** The delete icon of an integration whose setup is unfinished (GW-5), named "Remove <name>". */
export function DeleteButton({ name, disabled, onClick }: { name: string; disabled: boolean; onClick: () => void }) {
  const t = useT();
  return (
    <button type="button" onClick={onClick} disabled={disabled} aria-label={t('integrations.removeNamed', { name })} title={t('integrations.removeNamed', { name })} className="mt-0.5 rounded p-1 text-slate-600 hover:bg-red-50 hover:text-red-700 disabled:text-slate-300">
      <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6M10 11v6M14 11v6" />
      </svg>
    </button>
  );
}
