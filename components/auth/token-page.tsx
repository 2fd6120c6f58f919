import { LinkProblem } from '@/components/auth/link-problem';
import { SetPasswordForm } from '@/components/auth/set-password-form';
import { SsoRegistration } from '@/components/auth/sso-registration';
import { inspectLink } from '@/lib/auth/link-page';
import { currentLocale } from '@/lib/auth/session';
import type { TokenPurpose } from '@/lib/auth/tokens';
import { translator } from '@/lib/i18n/translator';

/** The page behind a mailed link: the set-password form, or why the link no longer works. */
export async function TokenPage({ purpose, params }: { purpose: TokenPurpose; params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await inspectLink(purpose, token);
  if (!link.ok) return <LinkProblem t={translator(await currentLocale())} problem={link.problem} purpose={purpose} />;
  if (link.ssoOnly) return <SsoRegistration token={token} email={link.email} />;
  return <SetPasswordForm purpose={purpose} token={token} email={link.email} />;
}

export async function tokenPageMetadata(purpose: TokenPurpose) {
  return { title: translator(await currentLocale())(`setPassword.${purpose}.title`), referrer: 'no-referrer' as const };
}
