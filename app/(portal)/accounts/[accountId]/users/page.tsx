import type { Metadata } from 'next';
import Link from 'next/link';
import { UsersList } from '@/components/users/users-list';
import { UsersMoreMenu } from '@/components/users/users-more-menu';
import { db } from '@/db/client';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';
import { firstValues, type RawSearchParams } from '@/lib/tables/search-params';
import { bulkActionsFor } from '@/lib/users/bulk-actions';
import { listUsers } from '@/lib/users/list-users';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('users.title') };
}

/** USR-1: the users of an account; filters, search, sort and the page cursor live in the URL. */
export default async function UsersPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<RawSearchParams> }) {
  const { accountId } = await params;
  const user = await requireUser();
  const page = await orNotFound(listUsers(db(), user.actor, accountId, firstValues(await searchParams)));
  const t = translator(await currentLocale());
  return (
    <section aria-labelledby="users-heading" className="flex flex-col gap-4">
      <div className="flex items-center justify-between gap-4">
        <h2 id="users-heading" className="text-xl font-semibold">
          {t('users.title')}
        </h2>
        {can(user.actor, 'users', 'add') && (
          <div className="flex items-center gap-2">
            <Link href={`/accounts/${accountId}/users/new`} className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              {t('users.add')}
            </Link>
            <UsersMoreMenu accountId={accountId} />
          </div>
        )}
      </div>
      <UsersList
        accountId={accountId}
        rows={page.rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }))}
        total={page.total}
        nextCursor={page.nextCursor}
        query={page.params.q}
        filter={page.params.filter ?? null}
        product={page.params.product ?? null}
        products={page.products}
        bulkActions={bulkActionsFor(user.actor)}
        licences={can(user.actor, 'users', 'edit')}
      />
    </section>
  );
}
