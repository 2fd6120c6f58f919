import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SsoTestReport } from '@/components/integrations/sso/test-report';
import { currentLocale, currentUser } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { translator } from '@/lib/i18n/translator';
import { readTestResult } from '@/lib/sso/read-test-result';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('sso.test.title') };
}

/** Beyond SSO-3: the end of a Test connection round trip, in its pop-up; also tells the dialog that opened it. */
export default async function SsoTestResultPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  const t = translator(await currentLocale());
  const { request } = await searchParams;
  const found = request ? await readTestResult(user.actor, request).catch((e: unknown) => (e instanceof NotFoundError || e instanceof ForbiddenError ? null : Promise.reject(e))) : null;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t('sso.test.title')}</h1>
      {found ? <SsoTestReport requestId={request!} result={found.result} notifyOpener /> : <p className="text-sm">{t('sso.test.unknown')}</p>}
    </div>
  );
}
