'use client';

import { useT } from '@/components/i18n-provider';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import type { EthernetPort } from '@/db/schema';

export interface PortForm {
  mode: EthernetPort['mode'];
  ip: string;
  prefixLength: string;
  gateway: string;
  dns: string;
}

export function portToForm(p: EthernetPort): PortForm {
  return p.mode === 'static' ? { mode: 'static', ip: p.ip, prefixLength: String(p.prefixLength), gateway: p.gateway, dns: p.dns.join(', ') } : { mode: p.mode, ip: '', prefixLength: '24', gateway: '', dns: '' };
}

export function portFromForm(f: PortForm): unknown {
  if (f.mode !== 'static') return { mode: f.mode };
  return { mode: 'static', ip: f.ip, prefixLength: f.prefixLength, gateway: f.gateway, dns: f.dns.split(/[\s,]+/).filter(Boolean) };
}

/** One Ethernet port of the gateway appliance (GW-2 "Ethernet port configuration"). */
export function PortFields({ legend, value, onChange, errorsOf, allowDisabled }: { legend: string; value: PortForm; onChange: (v: PortForm) => void; errorsOf: (field: string) => string[] | undefined; allowDisabled: boolean }) {
  const t = useT();
  const set = (patch: Partial<PortForm>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="flex flex-col gap-3 rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">{legend}</legend>
      <SelectField label={t('gateway.site.portMode')} value={value.mode} onChange={(e) => set({ mode: e.target.value as PortForm['mode'] })} errors={errorsOf('mode')}>
        <option value="dhcp">{t('gateway.site.modes.dhcp')}</option>
        <option value="static">{t('gateway.site.modes.static')}</option>
        {allowDisabled && <option value="disabled">{t('gateway.site.modes.disabled')}</option>}
      </SelectField>
      {value.mode === 'static' && (
        <>
          <TextField label={t('gateway.site.ip')} value={value.ip} onChange={(e) => set({ ip: e.target.value })} errors={errorsOf('ip')} inputMode="decimal" />
          <TextField label={t('gateway.site.prefixLength')} value={value.prefixLength} onChange={(e) => set({ prefixLength: e.target.value })} errors={errorsOf('prefixLength')} inputMode="numeric" />
          <TextField label={t('gateway.site.defaultGateway')} value={value.gateway} onChange={(e) => set({ gateway: e.target.value })} errors={errorsOf('gateway')} inputMode="decimal" />
          <TextField label={t('gateway.site.dns')} hint={t('gateway.site.dnsHint')} value={value.dns} onChange={(e) => set({ dns: e.target.value })} errors={errorsOf('dns') ?? errorsOf('dns.0')} />
        </>
      )}
    </fieldset>
  );
}
