import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RolesTable } from '@/components/roles/roles-table';
import { Alert } from '@/components/ui/alert';
import { db } from '@/db/client';
import { can, canOpenRoles } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';
import { listRoles } from '@/lib/roles/list-roles';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('roles.title') };
}

/** ROLE-1..5: "Roles and permissions" of the partner organisation. */
export default async function RolesPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const { actor } = await requireUser();
  if (!canOpenRoles(actor)) notFound();
  const rows = await orNotFound(listRoles(db(), actor));
  const t = translator(await currentLocale());
  const deleted = (await searchParams).deleted === '1';
  return (
    <section aria-labelledby="roles-heading" className="flex flex-col gap-6">
      <div className="flex items-center justify-between gap-4">
        <h1 id="roles-heading" className="text-2xl font-semibold">
          {t('roles.title')}
        </h1>
        {can(actor, 'roles', 'add') && (
          <Link href="/roles/new" className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t('roles.new.link')}
          </Link>
        )}
      </div>
      <p className="max-w-3xl text-sm text-slate-600">{t('roles.list.intro')}</p>
      {deleted && <Alert tone="success">{t('roles.list.deleted')}</Alert>}
      <RolesTable rows={rows} />
    </section>
  );
}
