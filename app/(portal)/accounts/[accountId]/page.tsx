import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CopyButton } from '@/components/ui/copy-button';
import { db } from '@/db/client';
import { getAccountInScope } from '@/lib/accounts/scope';
import { countUsersOfAccount } from '@/lib/accounts/list-accounts';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { LOCALE_NAMES, isLocale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('account.title') };
}

/** The account page (ACC-3, read-only in this release): reached only within the actor's scope. */
export default async function AccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await requireUser();
  const account = await getAccountInScope(db(), user.actor, accountId).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const locale = await currentLocale();
  const t = translator(locale);
  const country = new Intl.DisplayNames([locale], { type: 'region' }).of(account.country) ?? account.country;
  const users = can(user.actor, 'users', 'view') ? await countUsersOfAccount(db(), account.id) : null;
  const rows: [string, string][] = [
    [t('account.fields.country'), country],
    [t('account.fields.city'), account.city ?? '—'],
    [t('account.fields.language'), isLocale(account.defaultLanguage) ? LOCALE_NAMES[account.defaultLanguage] : account.defaultLanguage],
    [t('account.fields.cloudLocation'), t(`account.cloudLocation.${account.cloudLocation}`)],
    [t('account.fields.statusLabel'), t(`account.status.${account.status}`)],
  ];
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <section aria-label={t('account.information')} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="mb-4 text-base font-semibold">{t('account.information')}</h2>
        <dl className="grid grid-cols-[12rem_1fr] gap-y-3 text-sm">
          <dt className="text-slate-500">{t('account.fields.accountId')}</dt>
          <dd className="flex items-center gap-2">
            <code className="rounded bg-slate-100 px-2 py-0.5">{account.id}</code>
            <CopyButton value={account.id} label={t('account.copyId')} />
          </dd>
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          {users && (
            <>
              <dt className="text-slate-500">{t('dashboard.users')}</dt>
              <dd>{t('dashboard.usersSummary', { total: users.total, registered: users.registered, admins: users.admins })}</dd>
            </>
          )}
        </dl>
      </section>
    </div>
  );
}
