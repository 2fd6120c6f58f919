import Link from 'next/link';
import type { TokenProblem } from '@/lib/auth/tokens';
import type { T } from '@/lib/i18n/translator';

/** The clear page for a welcome or reset link that is unknown, expired or already used. */
export function LinkProblem({ t, problem, purpose }: { t: T; problem: TokenProblem; purpose: 'welcome' | 'reset' }) {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t(`linkProblem.${problem}.title`)}</h1>
      <p className="text-sm text-slate-600">{t(`linkProblem.${problem}.body`)}</p>
      <p className="text-sm text-slate-600">{t(`linkProblem.next.${purpose}`)}</p>
      <div className="flex gap-4 text-sm">
        <Link href="/sign-in" className="text-brand-700 hover:underline">
          {t('linkProblem.signIn')}
        </Link>
        <Link href="/forgot-password" className="text-brand-700 hover:underline">
          {t('linkProblem.forgot')}
        </Link>
      </div>
    </div>
  );
}
