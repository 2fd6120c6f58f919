'use server';

import { cookies } from 'next/headers';
import { runAction } from '@/lib/actions/run-action';
import { currentUser } from '@/lib/auth/session';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/config';
import { ValidationError } from '@/lib/errors';
import { setOwnLocale } from '@/lib/users/set-own-locale';

/** The footer's language picker: saved on the user when signed in, and in a cookie for the sign-in pages. */
export async function chooseLanguageAction(locale: string) {
  return runAction(async () => {
    if (!isLocale(locale)) throw new ValidationError({ locale: ['errors.invalid'] });
    const user = await currentUser();
    if (user) await setOwnLocale({ actor: user.actor }, locale);
    (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
    return null;
  });
}
