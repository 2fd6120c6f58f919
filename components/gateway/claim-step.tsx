'use client';

import { useState, type FormEvent } from 'react';
import { claimGatewayAction } from '@/app/(portal)/accounts/[accountId]/integrations/gateway/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';

/**
 * GW-1 "No gateway detected": the gateway shows a link code on its local page
 * (http://cloudlink.local/, the SMB Controller's blade); typing it here links it to the account.
 */
export function ClaimStep({ accountId, canConfigure, onClaimed }: { accountId: string; canConfigure: boolean; onClaimed: () => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors([]);
    setFormError(null);
    const res = await claimGatewayAction(accountId, code);
    setBusy(false);
    if (res.ok) return onClaimed();
    setErrors(res.fieldErrors.linkCode ?? []);
    if (!res.fieldErrors.linkCode) setFormError(res.formError ?? 'errors.unexpected');
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label={t('gateway.claim.title')}>
      <p className="text-sm text-slate-600">{t('gateway.claim.intro')}</p>
      <ol className="list-decimal pl-5 text-sm text-slate-600">
        <li>{t('gateway.claim.standalone')}</li>
        <li>{t('gateway.claim.smbc')}</li>
      </ol>
      {formError && <Alert tone="error">{t(formError)}</Alert>}
      <TextField
        label={t('gateway.claim.code')}
        hint={t('gateway.claim.codeHint')}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        errors={errors}
        autoComplete="off"
        spellCheck={false}
        className="md:w-1/2"
        disabled={!canConfigure}
      />
      {canConfigure && (
        <Button type="submit" disabled={busy || !code.trim()} className="self-start">
          {t('gateway.claim.submit')}
        </Button>
      )}
    </form>
  );
}
