import type { Metadata } from 'next';
import { SsoComplete } from '@/components/auth/sso-complete';
import { currentLocale } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('sso.complete.title') };
}

/** SSO-2: the browser arrives from the ACS with a ticket cookie and exchanges it for the session. */
export default function SsoCompletePage() {
  return <SsoComplete />;
}
