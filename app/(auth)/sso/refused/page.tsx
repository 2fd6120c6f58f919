import type { Metadata } from 'next';
import Link from 'next/link';
import { currentLocale } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { refusalMessage } from '@/lib/sso/refusal-message';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('sso.refused.title') };
}

/**
 * SSO-2: what a person sees when a SAML sign-in is refused. The failing check is in the sign-in
 * log; here only a safe sentence for its kind, and a reference the administrator can look up.
 */
export default async function SsoRefusedPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const t = translator(await currentLocale());
  const { check, ref } = await searchParams;
  const reference = ref && /^\d{1,18}$/.test(ref) ? ref : null;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t('sso.refused.title')}</h1>
      <p className="text-sm text-slate-700">{t(`sso.refused.${refusalMessage(check)}`)}</p>
      {reference && <p className="text-sm text-slate-600">{t('sso.refused.reference', { reference })}</p>}
      <Link href="/sign-in" className="text-sm text-brand-700 hover:underline">
        {t('sso.refused.back')}
      </Link>
    </div>
  );
}
