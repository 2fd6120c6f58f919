import 'server-only';
import { getServerSession } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from '@/db/client';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { LOCALE_COOKIE, resolveLocale, type Locale } from '@/lib/i18n/config';
import { loadSignedInUser, type SignedInUser } from './load-actor';
import { authOptions } from './options';

/** The signed-in user of this request, checked against the database (once per request). */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.uid || typeof session.sv !== 'number') return null;
  return loadSignedInUser(db(), session.uid, session.sv);
});

/** For pages and actions that need a signed-in user: sends anyone else to the sign-in page. */
export async function requireUser(): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  return user;
}

/**
 * SHELL-6: see resolveLocale. While the database is unreachable the user's own language can't be
 * read; the cookie and the browser's language still give the error page the right one.
 */
export const currentLocale = cache(async (): Promise<Locale> => {
  const signedIn = currentUser().catch((e: unknown) => {
    if (isDatabaseUnavailable(e)) return null;
    throw e;
  });
  const [user, cookieStore, headerList] = await Promise.all([signedIn, cookies(), headers()]);
  return resolveLocale({
    user: user?.locale,
    account: user?.accountDefaultLanguage,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get('accept-language'),
  });
});
