import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NewAccountForm } from '@/components/accounts/new-account-form';
import { countryOptions } from '@/lib/accounts/countries';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('accounts.new.title') };
}

/** ACC-2: partners with the Account Add permission; for anyone else the page does not exist. */
export default async function NewAccountPage() {
  const user = await requireUser();
  if (user.actor.kind !== 'partner' || !can(user.actor, 'account', 'add')) notFound();
  const locale = await currentLocale();
  const t = translator(locale);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t('accounts.new.title')}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{t('accounts.new.intro')}</p>
      <NewAccountForm countries={countryOptions(locale)} defaultLanguage={locale} />
    </div>
  );
}
