'use client';

import { useTranslation } from 'react-i18next';
import { SECRET_WARNING_DAYS } from '@/lib/teams/verification-checks';
import { formatDay } from '../labels';

/** When the secret in use ends, as Azure last reported it; within 30 days or past it is flagged. */
export function secretExpiryState(expiresAt: string, now = Date.now()): 'valid' | 'expiring' | 'expired' {
  const days = (new Date(expiresAt).getTime() - now) / 86_400_000;
  return days <= 0 ? 'expired' : days <= SECRET_WARNING_DAYS ? 'expiring' : 'valid';
}

/** TEAMS-1 "Replace an expiring secret": the end date Azure reports, with a badge that says, not only colours. */
export function SecretExpiry({ expiresAt }: { expiresAt: string | null }) {
  const { t, i18n } = useTranslation();
  if (!expiresAt) return null;
  const state = secretExpiryState(expiresAt);
  const date = formatDay(expiresAt, i18n.language);
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
      <span suppressHydrationWarning>{t(state === 'expired' ? 'teams.setup.secretExpired' : 'teams.setup.secretExpires', { date })}</span>
      {state !== 'valid' && (
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${state === 'expired' ? 'bg-red-100 text-red-800' : 'bg-amber-100 text-amber-900'}`}>
          <span aria-hidden>⚠ </span>
          {t(state === 'expired' ? 'teams.setup.badgeExpired' : 'teams.setup.badgeExpiring')}
        </span>
      )}
    </p>
  );
}
