import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NewUserForm } from '@/components/users/new-user-form';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('users.new.title') };
}

/** USR-2: the "New user" form. The account layout has already checked the account's scope. */
export default async function NewUserPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await requireUser();
  if (!can(user.actor, 'users', 'add')) notFound();
  const t = translator(await currentLocale());
  return (
    <section aria-labelledby="new-user-heading" className="flex flex-col gap-4">
      <h2 id="new-user-heading" className="text-xl font-semibold">
        {t('users.new.title')}
      </h2>
      <NewUserForm accountId={accountId} canAssignRole={can(user.actor, 'roles', 'assign')} />
    </section>
  );
}
