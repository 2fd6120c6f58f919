import type { Metadata } from 'next';
import Link from 'next/link';
import { db } from '@/db/client';
import { countAccountsInScope, countUsersOfAccount, listAccountsInScope } from '@/lib/accounts/list-accounts';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('dashboard.title') };
}

function Tile({ title, children, href, cta }: { title: string; children?: React.ReactNode; href?: string; cta?: string }) {
  return (
    <section aria-label={title} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
      {href && cta && (
        <Link href={href} className="mt-auto text-sm font-medium text-brand-700 hover:underline">
          {cta}
        </Link>
      )}
    </section>
  );
}

/** SHELL-1: the partner dashboard, the account-admin dashboard, and the plain user's. */
export default async function DashboardPage() {
  const user = await requireUser();
  const t = translator(await currentLocale());
  const { actor } = user;
  const q = db();

  if (actor.kind === 'partner') {
    const [counts, list] = await Promise.all([countAccountsInScope(q, actor), listAccountsInScope(q, actor)]);
    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">{t('dashboard.partnerTitle')}</h1>
        <div className="grid gap-4 md:grid-cols-2">
          <Tile title={t('dashboard.accounts')}>
            <p className="text-sm text-slate-600">{t('dashboard.accountsSummary', { total: counts.total, active: counts.active })}</p>
            <ul className="divide-y divide-slate-100" aria-label={t('dashboard.accountList')}>
              {list.map((a) => (
                <li key={a.id} className="flex items-center justify-between py-2 text-sm">
                  <Link href={`/accounts/${a.id}`} className="font-medium text-brand-700 hover:underline">
                    {a.name}
                  </Link>
                  <span className="text-slate-500">
                    {t('dashboard.userCount', { count: a.userCount })} · {t(`account.status.${a.status}`)}
                  </span>
                </li>
              ))}
            </ul>
          </Tile>
          {user.isPasswordUser && (
            <Tile title={t('dashboard.changePassword')} href="/settings/password" cta={t('dashboard.changePasswordCta')}>
              <p className="text-sm text-slate-600">{t('dashboard.changePasswordIntro')}</p>
            </Tile>
          )}
        </div>
      </div>
    );
  }

  const showAccount = actor.accountId && actor.baseRole !== 'user' && can(actor, 'account', 'view');
  const userCounts = showAccount && can(actor, 'users', 'view') ? await countUsersOfAccount(q, actor.accountId!) : null;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{showAccount ? t('dashboard.accountTitle', { account: user.accountName }) : t('dashboard.userTitle', { name: actor.name })}</h1>
      <div className="grid gap-4 md:grid-cols-2">
        {showAccount && (
          <Tile title={t('dashboard.account')} href={`/accounts/${actor.accountId}`} cta={t('dashboard.accountCta')}>
            <p className="text-sm text-slate-600">{user.accountName}</p>
          </Tile>
        )}
        {userCounts && (
          <Tile title={t('dashboard.users')} href={`/accounts/${actor.accountId}/users`} cta={t('users.dashboardCta')}>
            <p className="text-sm text-slate-600">{t('dashboard.usersSummary', { total: userCounts.total, registered: userCounts.registered, admins: userCounts.admins })}</p>
          </Tile>
        )}
        <Tile title={t('dashboard.changePassword')} href="/settings/password" cta={t('dashboard.changePasswordCta')}>
          <p className="text-sm text-slate-600">{t(showAccount ? 'dashboard.changePasswordIntro' : 'dashboard.userOnly')}</p>
        </Tile>
      </div>
    </div>
  );
}
