'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { createRoleAction, updateRoleAction } from '@/app/(portal)/roles/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { applyServerErrors } from '@/components/users/form-errors';
import { applicableCells, normalisePermissions, toggleCell } from '@/lib/authz';
import type { Permission } from '@/lib/authz/types';
import { RoleForm as Schema, type CustomRoleBase } from '@/lib/roles/schemas';
import { BaseRolePicker } from './base-role-picker';
import { PermissionMatrix } from './permission-matrix';

type Input = z.input<typeof Schema>;
type Output = z.output<typeof Schema>;
const FIELDS = ['name', 'description', 'baseRole', 'permissions'] as const;

export interface RoleFormValues {
  name: string;
  description: string;
  baseRole: CustomRoleBase;
  permissions: Permission[];
}

interface Props {
  /** create: New role (or Duplicate role, with `baseFixed`); edit: a custom role; view: read-only. */
  mode: 'create' | 'edit' | 'view';
  roleId?: string;
  initial: RoleFormValues;
  /** Duplicate role keeps the original's base role (seed 2.14 "Een rol dupliceren"). */
  baseFixed?: boolean;
  /** Why the form is read-only (a base role, or no Roles "Edit"). */
  note?: string;
}

/**
 * ROLE-2/3: Role name, Role description, "Choose the base role" and the permission matrix of that
 * base. Ticking a box ticks View, unticking View unticks the feature (toggleCell), the rule the
 * server applies again; switching the base role ticks every box of the new variant (ROLE-2).
 */
export function RoleForm({ mode, roleId, initial, baseFixed = false, note }: Props) {
  const t = useT();
  const router = useRouter();
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const readOnly = mode === 'view';
  const { register, handleSubmit, formState, setError, setValue, control, reset } = useForm<Input, unknown, Output>({
    resolver: zodResolver(Schema),
    defaultValues: { ...initial, permissions: [...normalisePermissions(initial.baseRole, initial.permissions)] },
  });
  const baseRole = useWatch({ control, name: 'baseRole' }) ?? 'partner';
  const ticked = new Set(useWatch({ control, name: 'permissions' }) as Permission[]);

  const onSubmit = handleSubmit(async (values) => {
    setNotice(null);
    const res = mode === 'create' ? await createRoleAction(values) : await updateRoleAction(roleId!, values);
    if (res.ok) {
      if (mode === 'create') {
        router.push(`/roles/${res.data.id}?created=1`);
        return;
      }
      reset(values);
      setNotice({ tone: 'success', text: t('roles.form.saved') });
      router.refresh();
      return;
    }
    const formError = applyServerErrors(res, FIELDS, (field, key) => setError(field as keyof Input, { message: key }));
    if (formError) setNotice({ tone: 'error', text: t(formError, res.formParams ?? {}) });
  });
  const err = (name: keyof Input) => (formState.errors[name]?.message ? [formState.errors[name]!.message!] : undefined);
  const permissionsError = formState.errors.permissions?.message ?? formState.errors.permissions?.root?.message;

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={t(mode === 'create' ? 'roles.new.title' : 'roles.form.label')}
      className="flex max-w-3xl flex-col gap-5 rounded-lg border border-slate-200 bg-slate-50 p-5"
    >
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {note && <Alert tone="info">{note}</Alert>}
      <TextField label={t('roles.fields.name')} autoComplete="off" required readOnly={readOnly} maxLength={64} errors={err('name')} {...register('name')} />
      <TextField label={t('roles.fields.description')} autoComplete="off" readOnly={readOnly} maxLength={256} errors={err('description')} {...register('description')} />
      <BaseRolePicker
        value={baseRole}
        disabled={readOnly || mode === 'edit' || baseFixed}
        hint={mode === 'create' && !baseFixed ? t('roles.form.baseHint') : t('roles.form.baseFixed')}
        onChange={(next) => {
          setValue('baseRole', next, { shouldDirty: true });
          setValue('permissions', applicableCells(next), { shouldDirty: true });
        }}
      />
      <PermissionMatrix
        variant={baseRole}
        ticked={ticked}
        readOnly={readOnly}
        onToggle={(cell, on) => setValue('permissions', [...toggleCell(baseRole, ticked, cell, on)], { shouldDirty: true })}
      />
      {permissionsError && <Alert tone="error">{t(permissionsError)}</Alert>}
      {!readOnly && (
        <div className="flex gap-2">
          <Button type="submit" disabled={formState.isSubmitting || (mode === 'edit' && !formState.isDirty)}>
            {t('roles.form.save')}
          </Button>
          <Link href="/roles" className="rounded border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
            {t('common.cancel')}
          </Link>
        </div>
      )}
    </form>
  );
}
