import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RoleForm } from '@/components/roles/role-form';
import { db } from '@/db/client';
import { applicableCells, can, canOpenRoles } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';
import { getRole } from '@/lib/roles/get-role';
import { ROLE_NAME_MAX } from '@/lib/roles/schemas';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('roles.new.title') };
}

/**
 * ROLE-2 "New role": every box of the Partner variant ticked. ROLE-5 "Duplicate role" arrives here
 * with `?from=<role>`: the same base role (fixed) and boxes, and the name "<name> (copy)".
 */
export default async function NewRolePage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const { actor } = await requireUser();
  if (!canOpenRoles(actor) || !can(actor, 'roles', 'add')) notFound();
  const t = translator(await currentLocale());
  const from = (await searchParams).from;
  const source = from ? await orNotFound(getRole(db(), actor, from)) : null;
  // A base role cannot be duplicated into a plain user role: that one has no boxes.
  if (source && source.baseRole === 'user') notFound();

  const initial = source
    ? {
        name: t('roles.new.copyName', { name: source.key ? t(`users.roles.${source.key}`) : source.name }).slice(0, ROLE_NAME_MAX),
        description: source.key ? '' : source.description,
        baseRole: source.baseRole as 'partner' | 'admin',
        permissions: source.permissions,
      }
    : { name: '', description: '', baseRole: 'partner' as const, permissions: applicableCells('partner') };
  return (
    <section aria-labelledby="new-role-heading" className="flex flex-col gap-4">
      <Link href="/roles" className="text-sm text-brand-700 hover:underline">
        {t('roles.back')}
      </Link>
      <h1 id="new-role-heading" className="text-2xl font-semibold">
        {t(source ? 'roles.new.duplicateTitle' : 'roles.new.title')}
      </h1>
      <RoleForm mode="create" initial={initial} baseFixed={source !== null} />
    </section>
  );
}
