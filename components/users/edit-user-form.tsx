'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { updateUserAction } from '@/app/(portal)/accounts/[accountId]/users/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { EditUserForm as Schema, ROLE_CHOICES } from '@/lib/users/schemas';
import { isSourceOwned } from '@/lib/users/source';
import type { AssignableRole } from '@/lib/roles/roles-for-account';
import type { UserDetail } from '@/lib/users/get-user';
import { applyServerErrors } from './form-errors';

type Input = z.input<typeof Schema>;
type Output = z.output<typeof Schema>;
const FIELDS = ['displayName', 'firstName', 'lastName', 'email', 'mobile', 'role'] as const;

/** The part of the user page's data the form shows. */
export type EditableUser = Pick<UserDetail, 'id' | 'accountId' | 'displayName' | 'firstName' | 'lastName' | 'email' | 'mobile' | 'role' | 'roleKey' | 'roleName' | 'source'>;

/**
 * USR-3: names, e-mail, mobile number and role. Fields the user's source owns (USR-4) are
 * read-only here, and the command refuses them too. Without Edit the form only shows the data.
 * The role offers User, Account Admin and the custom roles assigned to the account (ROLE-4).
 */
export function EditUserForm({ user, canEdit, canAssignRole, customRoles }: { user: EditableUser; canEdit: boolean; canAssignRole: boolean; customRoles: AssignableRole[] }) {
  const t = useT();
  const router = useRouter();
  const roleId = useId();
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; key: string } | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<Input, unknown, Output>({
    resolver: zodResolver(Schema),
    defaultValues: { displayName: user.displayName, firstName: user.firstName, lastName: user.lastName, email: user.email, mobile: user.mobile ?? '', role: canAssignRole && user.role ? user.role : undefined },
  });

  const onSubmit = handleSubmit(async (values) => {
    setNotice(null);
    // The schema turns an empty mobile number into null; the action parses the form's text again.
    const res = await updateUserAction(user.accountId, user.id, { ...values, mobile: values.mobile ?? '' });
    if (res.ok) {
      reset({ ...values, mobile: values.mobile ?? '' });
      setNotice({ tone: 'success', key: res.data.changed.length ? 'users.edit.saved' : 'users.edit.unchanged' });
      router.refresh();
      return;
    }
    const formError = applyServerErrors(res, FIELDS, (field, key) => setError(field as keyof Input, { message: key }));
    if (formError) setNotice({ tone: 'error', key: formError });
  });
  const err = (name: keyof Input) => (formState.errors[name]?.message ? [formState.errors[name]!.message!] : undefined);
  const owned = (field: string) => !canEdit || isSourceOwned(user.source, field);
  const hint = (field: string) => (canEdit && isSourceOwned(user.source, field) ? t('users.edit.sourceOwned', { source: t(`users.sources.${user.source}`) }) : undefined);
  const text = (field: (typeof FIELDS)[number], label: string, type = 'text') => (
    <TextField label={label} type={type} autoComplete="off" readOnly={owned(field)} hint={hint(field)} errors={err(field)} {...register(field)} />
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('users.edit.formLabel')} className="flex max-w-lg flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      {notice && <Alert tone={notice.tone}>{t(notice.key)}</Alert>}
      {text('displayName', t('users.fields.displayName'))}
      {text('firstName', t('users.fields.firstName'))}
      {text('lastName', t('users.fields.lastName'))}
      {text('email', t('users.fields.email'), 'email')}
      {text('mobile', t('users.fields.mobile'), 'tel')}
      {canEdit && canAssignRole && user.role !== null ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={roleId} className="text-sm font-medium text-slate-700">
            {t('users.fields.role')}
          </label>
          <select id={roleId} aria-invalid={Boolean(formState.errors.role) || undefined} className="rounded border border-slate-300 px-3 py-2 text-sm" {...register('role')}>
            {ROLE_CHOICES.map((r) => (
              <option key={r} value={r}>
                {t(`users.roles.${r}`)}
              </option>
            ))}
            {customRoles.length > 0 && (
              <optgroup label={t('users.edit.customRoles')}>
                {customRoles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          {formState.errors.role?.message && <p className="text-xs text-red-700">{t(formState.errors.role.message)}</p>}
        </div>
      ) : (
        // Not a form control: the role is only shown, and the form leaves it out.
        <p className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-700">{t('users.fields.role')}</span>
          <span>{user.roleKey ? t(`users.roles.${user.roleKey}`) : user.roleName}</span>
        </p>
      )}
      {canEdit && (
        <div className="flex gap-2">
          <Button type="submit" disabled={formState.isSubmitting || !formState.isDirty}>
            {t('users.edit.submit')}
          </Button>
          <Link href={`/accounts/${user.accountId}/users`} className="rounded border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
            {t('common.cancel')}
          </Link>
        </div>
      )}
    </form>
  );
}
