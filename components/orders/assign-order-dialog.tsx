'use client';

import { useState, useTransition } from 'react';
import { assignOrderAction } from '@/app/(portal)/orders/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { AccountCombobox } from './account-combobox';
import { productLabel } from './columns';
import type { AccountOption, OrderRow } from './types';

interface Props {
  order: OrderRow;
  /** The account to offer first (from `?assignTo=`), if any. */
  initialAccount: AccountOption | null;
  onClose: () => void;
  onAssigned: (account: AccountOption) => void;
}

/** ORD-3: pick the company (account) and assign the whole order to it. Mounted per order, so each opening starts fresh. */
export function AssignOrderDialog({ order, initialAccount, onClose, onAssigned }: Props) {
  const t = useT();
  const [account, setAccount] = useState<AccountOption | null>(initialAccount);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = () => {
    if (!account) {
      setFieldError('orders.page.errors.accountRequired');
      return;
    }
    setFieldError(null);
    setFormError(null);
    startTransition(async () => {
      const res = await assignOrderAction({ orderId: order.id, accountId: account.id });
      if (res.ok) onAssigned({ id: res.data.accountId, name: res.data.accountName });
      else {
        setFieldError(res.fieldErrors.accountId?.[0] ?? null);
        setFormError(res.formError ?? (res.fieldErrors.accountId ? null : 'errors.unexpected'));
      }
    });
  };

  return (
    <Modal open title={t('orders.page.assignDialog.title', { id: order.sapOrderId })} onClose={onClose}>
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p className="text-sm text-slate-700">{t('orders.page.assignDialog.summary', { count: order.licenceCount, product: productLabel(t, order) })}</p>
        {formError && <Alert tone="error">{t(formError)}</Alert>}
        <AccountCombobox
          value={account}
          onChange={(next) => {
            setAccount(next);
            if (next) setFieldError(null);
          }}
          error={fieldError}
        />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            {t('orders.page.assignDialog.cancel')}
          </Button>
          <Button type="submit" disabled={pending}>
            {t('orders.page.assignDialog.submit')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
