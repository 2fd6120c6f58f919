'use client';

import { useState } from 'react';
import { setSupportContactsAction } from '@/app/(portal)/accounts/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SupportContactsField } from './support-contacts-field';

interface Props {
  accountId: string;
  contacts: { email: string; displayName: string | null }[];
  canEdit: boolean;
  canSearchPartners: boolean;
}

/** SUP-1 on an existing account: add, remove with X, and save; read-only without Account Edit. */
export function SupportContactsPanel({ accountId, contacts, canEdit, canSearchPartners }: Props) {
  const t = useT();
  const [saved, setSaved] = useState(() => contacts.map((c) => c.email));
  const [value, setValue] = useState(saved);
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; key: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const names = Object.fromEntries(contacts.filter((c) => c.displayName).map((c) => [c.email.toLowerCase(), c.displayName!]));
  const dirty = JSON.stringify(value) !== JSON.stringify(saved);

  if (!canEdit) {
    return contacts.length ? (
      <ul className="flex flex-col gap-1 text-sm">
        {contacts.map((c) => (
          <li key={c.email}>{c.displayName ? `${c.displayName} (${c.email})` : c.email}</li>
        ))}
      </ul>
    ) : (
      <p className="text-sm text-slate-500">{t('accounts.contacts.none')}</p>
    );
  }

  const save = async () => {
    setBusy(true);
    setStatus(null);
    const res = await setSupportContactsAction({ accountId, supportContacts: value });
    setBusy(false);
    if (res.ok) {
      setSaved(res.data.supportContacts);
      setValue(res.data.supportContacts);
      setErrors([]);
      setStatus({ tone: 'success', key: 'accounts.contacts.saved' });
      return;
    }
    setErrors([...new Set(Object.values(res.fieldErrors).flat())]);
    if (res.formError) setStatus({ tone: 'error', key: res.formError });
  };

  return (
    <div className="flex flex-col gap-3">
      {status && <Alert tone={status.tone}>{t(status.key)}</Alert>}
      <SupportContactsField
        value={value}
        onChange={(next) => {
          setValue(next);
          setErrors([]);
          setStatus(null);
        }}
        initialNames={names}
        canSearchPartners={canSearchPartners}
        errors={errors}
      />
      <Button onClick={save} disabled={busy || !dirty} className="self-start">
        {t('accounts.contacts.save')}
      </Button>
    </div>
  );
}
