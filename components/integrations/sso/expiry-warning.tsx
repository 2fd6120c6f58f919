'use client';

import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import type { SsoSetupView } from '@/lib/sso/read-sso-setup';
import { formatDay } from '../labels';

type Certificate = NonNullable<SsoSetupView['connection']>['certificates'][number];

/** Beyond SSO-3: a saved signing certificate that expires within 30 days, or has expired. */
export function ExpiryWarning({ certificates }: { certificates: readonly Certificate[] }) {
  const { t, i18n } = useTranslation();
  const due = certificates.filter((c) => c.state !== 'valid');
  if (due.length === 0) return null;
  const expired = due.some((c) => c.state === 'expired');
  return (
    <Alert tone={expired ? 'error' : 'info'}>
      <span className="block font-medium">{t(expired ? 'sso.dialog.expiry.expiredTitle' : 'sso.dialog.expiry.expiringTitle')}</span>
      <ul className="mt-1 list-disc pl-5">
        {due.map((c) => (
          <li key={c.fingerprint}>
            {t(c.state === 'expired' ? 'sso.dialog.expiry.expiredOn' : 'sso.dialog.expiry.expiresOn', { subject: c.subject, date: formatDay(c.validTo, i18n.language) })}
          </li>
        ))}
      </ul>
      <span className="mt-1 block">{t('sso.dialog.expiry.action')}</span>
    </Alert>
  );
}
