'use client';

import { useId } from 'react';
import { useT } from '@/components/i18n-provider';
import type { SsoSetupView } from '@/lib/sso/read-sso-setup';
import { CopyField } from './copy-field';

/** SSO-1 "Mitel platform information": what the admin enters in the IdP; SSO-3 its metadata file. */
export function SpInfo({ sp, azure }: { sp: SsoSetupView['sp']; azure: boolean }) {
  const t = useT();
  const titleId = useId();
  const variant = azure ? 'azure' : 'generic';
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3 rounded border border-slate-200 p-4">
      <h3 id={titleId} className="text-base font-semibold">
        {t('sso.dialog.sp.title')}
      </h3>
      <p className="text-sm text-slate-600">{t(`sso.dialog.sp.${variant}.intro`)}</p>
      <CopyField label={t(`sso.dialog.sp.${variant}.entityId`)} value={sp.entityId} />
      <CopyField label={t(`sso.dialog.sp.${variant}.acsUrl`)} value={sp.acsUrl} />
      {azure && <CopyField label={t('sso.dialog.sp.azure.loginUrl')} value={sp.loginUrl} />}
      <p className="text-sm">
        <a href={`${sp.metadataUrl}?download=1`} download className="font-medium text-brand-700 underline hover:text-brand-900">
          {t('sso.dialog.sp.downloadMetadata')}
        </a>
        <span className="ml-2 text-xs text-slate-500">{t('sso.dialog.sp.metadataHint')}</span>
      </p>
    </section>
  );
}
