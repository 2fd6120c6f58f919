import type { Metadata } from 'next';
import { LinkProblem } from '@/components/auth/link-problem';
import { SetPasswordForm } from '@/components/auth/set-password-form';
import { inspectLink } from '@/lib/auth/link-page';
import { currentLocale } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('setPassword.reset.title'), referrer: 'no-referrer' };
}

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await inspectLink('reset', token);
  if (!link.ok) return <LinkProblem t={translator(await currentLocale())} problem={link.problem} purpose="reset" />;
  return <SetPasswordForm purpose="reset" token={token} email={link.email} />;
}
