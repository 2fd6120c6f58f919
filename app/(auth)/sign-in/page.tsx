import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { currentLocale, currentUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('signIn.title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await currentUser()) redirect('/dashboard');
  const params = await searchParams;
  const e = env();
  const partnerSso = Boolean(e.PARTNER_OIDC_ISSUER && e.PARTNER_OIDC_CLIENT_ID && e.PARTNER_OIDC_CLIENT_SECRET);
  const notice = params.registered ? 'registered' : params.reset ? 'reset' : params.changed ? 'changed' : params.expired ? 'expired' : null;
  // next-auth sends failed partner (OIDC) sign-ins back here with ?error=<code>.
  return <SignInForm partnerSso={partnerSso} notice={notice} partnerFailed={Boolean(params.error)} noSso={params.sso === 'none'} />;
}
