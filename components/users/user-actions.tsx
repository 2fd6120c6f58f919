'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteUserAction, resendWelcomeAction, resetUserPasswordAction } from '@/app/(portal)/accounts/[accountId]/users/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TypedConfirmDialog } from '@/components/ui/typed-confirm-dialog';

interface Props {
  accountId: string;
  userId: string;
  email: string;
  canWelcome: boolean;
  canReset: boolean;
  canDelete: boolean;
  /** Why this user cannot be deleted (USR-6), shown instead of the button. */
  deleteBlocked: string | null;
  /** PBX or SCIM user: deleting removes only the CloudLink identity. */
  identityOnly: boolean;
}

/** USR-3 actions of the user page: resend welcome e-mail, reset password (AUTH-4), delete (typed "delete"). */
export function UserActions({ accountId, userId, email, canWelcome, canReset, canDelete, deleteBlocked, identityOnly }: Props) {
  const t = useT();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const run = async (call: () => Promise<{ ok: true } | { ok: false; formError: string | null }>, success: string) => {
    setBusy(true);
    setNotice(null);
    const res = await call();
    setBusy(false);
    setNotice(res.ok ? { tone: 'success', text: success } : { tone: 'error', text: t(res.formError ?? 'errors.unexpected') });
    if (res.ok) router.refresh();
  };

  if (!canWelcome && !canReset && !canDelete && !deleteBlocked) return null;
  return (
    <section aria-labelledby="user-actions-heading" className="flex max-w-lg flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h3 id="user-actions-heading" className="text-base font-semibold">
        {t('users.actions.title')}
      </h3>
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      <div className="flex flex-wrap gap-2">
        {canWelcome && (
          <Button variant="secondary" disabled={busy} onClick={() => run(() => resendWelcomeAction(accountId, userId), t('users.actions.welcomeSent', { email }))}>
            {t('users.actions.resendWelcome')}
          </Button>
        )}
        {canReset && (
          <Button variant="secondary" disabled={busy} onClick={() => run(() => resetUserPasswordAction(accountId, userId), t('users.actions.resetSent', { email }))}>
            {t('users.actions.resetPassword')}
          </Button>
        )}
        {canDelete && (
          <Button variant="danger" disabled={busy} onClick={() => setConfirming(true)}>
            {t('users.actions.delete')}
          </Button>
        )}
      </div>
      {deleteBlocked && <p className="text-sm text-slate-600">{t(deleteBlocked)}</p>}
      <TypedConfirmDialog
        open={confirming}
        title={t('users.actions.deleteTitle')}
        description={t(identityOnly ? 'users.actions.deleteIdentityOnly' : 'users.actions.deleteDescription', { email })}
        word="delete"
        confirmLabel={t('users.actions.delete')}
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setBusy(true);
          const res = await deleteUserAction(accountId, userId);
          setBusy(false);
          setConfirming(false);
          if (!res.ok) {
            setNotice({ tone: 'error', text: t(res.formError ?? 'errors.unexpected') });
          } else if (res.data.outcome === 'identityRemoved') {
            setNotice({ tone: 'success', text: t('users.actions.identityRemoved') });
            router.refresh();
          } else {
            router.push(`/accounts/${accountId}/users`);
          }
        }}
      />
    </section>
  );
}
