import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { EditUserForm } from '@/components/users/edit-user-form';
import { ProductsLicences } from '@/components/users/products-licences';
import { ScimAdvanced } from '@/components/users/scim-advanced';
import { SourceBadge } from '@/components/users/labels';
import { UserActions } from '@/components/users/user-actions';
import { db } from '@/db/client';
import { can, canSendWelcome } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';
import { rolesForAccount } from '@/lib/roles/roles-for-account';
import { userProducts } from '@/lib/licences/user-products';
import { getUser, type UserDetail } from '@/lib/users/get-user';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';
import { readScimUser } from '@/lib/provisioning/read-scim-user';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('users.edit.title') };
}

/** USR-6: why a user cannot be deleted, or null when it can. */
function deleteBlocked(user: UserDetail, self: boolean): string | null {
  if (user.baseRole === 'partner' || user.source === 'oidc') return 'users.errors.partnerNotDeletable';
  if (user.source === 'micloud') return 'users.errors.cloudPbxNotDeletable';
  if (self) return 'users.errors.ownAccount';
  return null;
}

/** USR-3: the user page; a user id of another account (or outside the actor's scope) is a 404. */
export default async function UserPage({ params, searchParams }: { params: Promise<{ accountId: string; userId: string }>; searchParams: Promise<{ created?: string }> }) {
  const { accountId, userId } = await params;
  const { actor } = await requireUser();
  const user = await orNotFound(getUser(db(), actor, { accountId, userId }));
  // getUser checked the account's scope and the user's membership.
  const products = await userProducts(db(), { id: user.accountId }, user.id);
  // USR-4: a SCIM-synced user's "Advanced" data (getUser already checked the scope).
  const scim = user.source === 'scim' ? await readScimUser(db(), user.id) : null;
  const locale = await currentLocale();
  const t = translator(locale);
  const self = user.id === actor.userId;
  const blocked = can(actor, 'users', 'delete') ? deleteBlocked(user, self) : null;
  const created = (await searchParams).created === '1';
  const canAssignRole = can(actor, 'roles', 'assign') && !self;
  const customRoles = canAssignRole && can(actor, 'users', 'edit') ? await rolesForAccount(db(), actor, accountId) : [];
  // A role the user already holds stays selectable (unassigning it is refused while anyone holds it).
  if (user.roleKey === null && user.role !== null && !customRoles.some((r) => r.id === user.role)) customRoles.push({ id: user.role, name: user.roleName });
  const facts: [string, string][] = [
    [t('users.fields.status'), t(user.registered ? 'users.status.registered' : 'users.status.unregistered')],
    [t('users.fields.source'), t(`users.sources.${user.source}`)],
    [t('users.fields.phone'), user.phone ?? '—'],
    [t('users.fields.extensions'), user.extensions.join(', ') || '—'],
    [t('users.columns.modified'), `${dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(user.updatedAt)}${user.updatedBy ? ` · ${user.updatedBy}` : ''}`],
  ];
  if (user.loginId) facts.splice(2, 0, [t('users.fields.loginId'), user.loginId]);

  return (
    <section aria-labelledby="user-heading" className="flex flex-col gap-4">
      <Link href={`/accounts/${accountId}/users`} className="text-sm text-brand-700 hover:underline">
        {t('users.edit.back')}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="user-heading" className="text-xl font-semibold">
          {user.displayName}
        </h2>
        {user.external && <SourceBadge source={user.source} />}
        {user.inactive && <span className="rounded bg-slate-200 px-1.5 text-xs text-slate-700">{t('users.status.inactive')}</span>}
      </div>
      {created && <Alert tone="success">{t('users.new.created', { email: user.email })}</Alert>}
      {user.external && <Alert tone="info">{t('users.edit.externalNote', { source: t(`users.sources.${user.source}`) })}</Alert>}
      <dl aria-label={t('users.edit.facts')} className="grid max-w-lg grid-cols-[10rem_1fr] gap-y-2 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <EditUserForm
        user={{ id: user.id, accountId, displayName: user.displayName, firstName: user.firstName, lastName: user.lastName, email: user.email, mobile: user.mobile, role: user.role, roleKey: user.roleKey, roleName: user.roleName, source: user.source }}
        canEdit={can(actor, 'users', 'edit')}
        canAssignRole={canAssignRole}
        customRoles={customRoles}
      />
      {scim && <ScimAdvanced scim={scim} />}
      <ProductsLicences accountId={accountId} userId={user.id} products={products} canEdit={can(actor, 'users', 'edit')} />
      <UserActions
        accountId={accountId}
        userId={user.id}
        email={user.email}
        canWelcome={canSendWelcome(actor) && !user.registered}
        canReset={can(actor, 'users', 'edit') && user.registered}
        canDelete={can(actor, 'users', 'delete') && blocked === null}
        deleteBlocked={blocked}
        identityOnly={user.source === 'pbx' || user.source === 'scim'}
      />
    </section>
  );
}
