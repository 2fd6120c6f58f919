'use client';

import { useState, type FormEvent } from 'react';
import { configurePbxAction } from '@/app/(portal)/accounts/[accountId]/integrations/gateway/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import type { GatewayWizardView } from '@/lib/gateway/read-gateway';
import { PBX_TYPES, PbxInput } from '@/lib/gateway/schemas';
import { PBX_NAMES } from '@/lib/gateway/sync/capacity';
import { useStepForm } from './use-step-form';

type Pbx = NonNullable<GatewayWizardView['gateway']>['pbx'];

/** GW-2 step 2 "PBX": type, address and credentials; the password is never shown again. */
export function PbxStep({ accountId, pbx, canConfigure, onStarted }: { accountId: string; pbx: Pbx; canConfigure: boolean; onStarted: (notificationId: string) => void }) {
  const t = useT();
  const [values, setValues] = useState({ type: pbx.type ?? '', address: pbx.address ?? '', username: pbx.username ?? '', password: '' });
  const form = useStepForm(PbxInput, (v) => configurePbxAction(accountId, v), (d) => onStarted(d.notificationId), 'pbx');
  const set = (patch: Partial<typeof values>) => setValues({ ...values, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(values);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('gateway.pbx.title')} className="flex flex-col gap-4">
      {form.formError && <Alert tone="error">{t(form.formError)}</Alert>}
      <fieldset disabled={!canConfigure || form.busy} className="grid gap-4 md:grid-cols-2">
        <legend className="sr-only">{t('gateway.pbx.title')}</legend>
        <SelectField label={t('gateway.pbx.type')} value={values.type} onChange={(e) => set({ type: e.target.value })} errors={form.of('type')}>
          <option value="">{t('gateway.pbx.choose')}</option>
          {PBX_TYPES.map((p) => (
            <option key={p} value={p}>
              {PBX_NAMES[p]}
            </option>
          ))}
        </SelectField>
        <TextField label={t('gateway.pbx.address')} hint={t('gateway.pbx.addressHint')} value={values.address} onChange={(e) => set({ address: e.target.value })} errors={form.of('address')} />
        <TextField label={t('gateway.pbx.username')} value={values.username} onChange={(e) => set({ username: e.target.value })} errors={form.of('username')} autoComplete="off" />
        <TextField
          label={t('gateway.pbx.password')}
          type="password"
          hint={pbx.passwordSet ? t('gateway.pbx.passwordKept') : undefined}
          value={values.password}
          onChange={(e) => set({ password: e.target.value })}
          errors={form.of('password')}
          autoComplete="new-password"
        />
      </fieldset>
      {canConfigure && (
        <Button type="submit" disabled={form.busy} className="self-start">
          {t('gateway.next')}
        </Button>
      )}
    </form>
  );
}
