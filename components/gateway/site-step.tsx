'use client';

import { useState, type FormEvent } from 'react';
import { configureSiteAction } from '@/app/(portal)/accounts/[accountId]/integrations/gateway/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import type { GatewaySite } from '@/db/schema';
import { SiteInput } from '@/lib/gateway/schemas';
import { PortFields, portFromForm, portToForm, type PortForm } from './port-fields';
import { useStepForm } from './use-step-form';

interface Props {
  accountId: string;
  site: GatewaySite | null;
  /** The company address the site address defaults to (GW-2). */
  companyAddress: GatewaySite['address'];
  canConfigure: boolean;
  onStarted: (notificationId: string) => void;
}

/** GW-2 step 1 "Gateway information": site name, site address, Ethernet ports → Next. */
export function SiteStep({ accountId, site, companyAddress, canConfigure, onStarted }: Props) {
  const t = useT();
  const [name, setName] = useState(site?.name ?? '');
  const [address, setAddress] = useState(site?.address ?? companyAddress);
  const [port1, setPort1] = useState<PortForm>(portToForm(site?.ethernet.port1 ?? { mode: 'dhcp' }));
  const [port2, setPort2] = useState<PortForm>(portToForm(site?.ethernet.port2 ?? { mode: 'disabled' }));
  const form = useStepForm(SiteInput, (values) => configureSiteAction(accountId, values), (d) => onStarted(d.notificationId), 'site');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit({ name, address, ethernet: { port1: portFromForm(port1), port2: portFromForm(port2) } });
  };
  const addressField = (key: keyof GatewaySite['address'], label: string) => (
    <TextField label={label} value={address[key]} onChange={(e) => setAddress({ ...address, [key]: e.target.value })} errors={form.of(`address.${key}`)} />
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('gateway.site.title')} className="flex flex-col gap-4">
      {form.formError && <Alert tone="error">{t(form.formError)}</Alert>}
      <fieldset disabled={!canConfigure || form.busy} className="flex flex-col gap-4">
        <legend className="sr-only">{t('gateway.site.title')}</legend>
        <TextField label={t('gateway.site.name')} value={name} onChange={(e) => setName(e.target.value)} errors={form.of('name')} className="md:w-1/2" />
        <p className="text-sm text-slate-600">{t('gateway.site.addressHint')}</p>
        <div className="grid gap-4 md:grid-cols-2">
          {addressField('street', t('gateway.site.street'))}
          {addressField('city', t('gateway.site.city'))}
          {addressField('postalCode', t('gateway.site.postalCode'))}
          {addressField('province', t('gateway.site.province'))}
          {addressField('country', t('gateway.site.country'))}
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          <PortFields legend={t('gateway.site.port', { n: 1 })} value={port1} onChange={setPort1} errorsOf={(f) => form.of(`ethernet.port1.${f}`)} allowDisabled={false} />
          <PortFields legend={t('gateway.site.port', { n: 2 })} value={port2} onChange={setPort2} errorsOf={(f) => form.of(`ethernet.port2.${f}`)} allowDisabled />
        </div>
      </fieldset>
      {canConfigure && (
        <Button type="submit" disabled={form.busy} className="self-start">
          {t('gateway.next')}
        </Button>
      )}
    </form>
  );
}
