'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteRoleAction } from '@/app/(portal)/roles/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TypedConfirmDialog } from '@/components/ui/typed-confirm-dialog';

interface Props {
  roleId: string;
  roleName: string;
  canDuplicate: boolean;
  canDelete: boolean;
}

/** ROLE-5: "Duplicate role" (the New role form, prefilled) and "Delete role" (typed word). */
export function RoleActions({ roleId, roleName, canDuplicate, canDelete }: Props) {
  const t = useT();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canDuplicate && !canDelete) return null;

  return (
    <div className="flex flex-col gap-2">
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-2">
        {canDuplicate && (
          <Link href={`/roles/new?from=${roleId}`} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
            {t('roles.actions.duplicate')}
          </Link>
        )}
        {canDelete && (
          <Button variant="danger" disabled={busy} onClick={() => setConfirming(true)}>
            {t('roles.actions.delete')}
          </Button>
        )}
      </div>
      <TypedConfirmDialog
        open={confirming}
        title={t('roles.actions.deleteTitle')}
        description={t('roles.actions.deleteDescription', { name: roleName })}
        word="delete"
        confirmLabel={t('roles.actions.deleteConfirm')}
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setBusy(true);
          setError(null);
          const res = await deleteRoleAction(roleId);
          setBusy(false);
          setConfirming(false);
          if (res.ok) router.push('/roles?deleted=1');
          else setError(t(res.formError ?? Object.values(res.fieldErrors)[0]?.[0] ?? 'errors.unexpected', res.formParams ?? {}));
        }}
      />
    </div>
  );
}
