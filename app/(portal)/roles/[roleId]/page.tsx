import type { Metadata } from 'next';
import { RoleActions } from '@/components/roles/role-actions';
import { RoleForm } from '@/components/roles/role-form';
import { Alert } from '@/components/ui/alert';
import { db } from '@/db/client';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';
import { getRole } from '@/lib/roles/get-role';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('roles.form.label') };
}

/**
 * The Permissions tab: a custom role in edit mode (Roles "Edit"), a base role read-only; both can
 * be duplicated (Roles "Add"), a custom role deleted (Roles "Delete"). The layout checked access.
 */
export default async function RolePage({ params, searchParams }: { params: Promise<{ roleId: string }>; searchParams: Promise<{ created?: string }> }) {
  const { roleId } = await params;
  const { actor } = await requireUser();
  const role = await orNotFound(getRole(db(), actor, roleId));
  const t = translator(await currentLocale());
  const custom = role.key === null;
  const editable = custom && can(actor, 'roles', 'edit');
  const created = (await searchParams).created === '1';
  const note = !custom ? t('roles.form.baseReadOnly') : editable ? undefined : t('roles.form.noEdit');
  return (
    <div className="flex flex-col gap-4">
      {created && <Alert tone="success">{t(role.baseRole === 'admin' ? 'roles.new.createdAdmin' : 'roles.new.created', { name: role.name })}</Alert>}
      {custom && role.userCount !== null && <p className="text-sm text-slate-600">{t('roles.form.holders', { count: role.userCount })}</p>}
      <RoleActions
        roleId={role.id}
        roleName={role.name}
        canDuplicate={can(actor, 'roles', 'add') && role.baseRole !== 'user'}
        canDelete={custom && can(actor, 'roles', 'delete')}
      />
      {role.baseRole === 'user' ? (
        <Alert tone="info">{t('roles.form.userRole')}</Alert>
      ) : (
        <RoleForm
          key={`${role.id}-${role.name}-${role.permissions.join(',')}`}
          mode={editable ? 'edit' : 'view'}
          roleId={role.id}
          initial={{
            name: role.key ? t(`users.roles.${role.key}`) : role.name,
            description: role.key ? t(`roles.baseDescriptions.${role.key}`) : role.description,
            baseRole: role.baseRole,
            permissions: role.permissions,
          }}
          note={note}
        />
      )}
    </div>
  );
}
