'use client';

import { FeaturesToggle } from '@/components/integrations/features-toggle';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { configureIntegrationAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import type { IntegrationId } from '@/lib/integrations/catalogue';
import { MITEL_ONE_FEATURES, type IntegrationSettings, type MitelOneFeature } from '@/lib/integrations/settings';
import { GearButton } from './gear-button';
import { actionError, integrationName } from './labels';
import { Switch } from '@/components/ui/switch';

interface Props {
  accountId: string;
  features: IntegrationSettings['mitelOne']['features'];
  /** Integrations folded under Mitel One whose gear is shown next to their feature (M1-1). */
  folded: readonly IntegrationId[];
  canConfigure: boolean;
  /** The installed version lacks a feature its update brings (INT-4). */
  updateAvailable: boolean;
  onSettings: (id: IntegrationId) => void;
}

/** M1-1 "Available features" under Mitel One: each feature saved as soon as it is switched. */
export function MitelOneFeatures({ accountId, features, folded, canConfigure, updateAvailable, onSettings }: Props) {
  const t = useT();
  const router = useRouter();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [local, setLocal] = useState<Partial<Record<MitelOneFeature, boolean>>>({});
  const [busy, setBusy] = useState<MitelOneFeature | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = MITEL_ONE_FEATURES.filter((f) => f in features);

  const toggle = async (feature: MitelOneFeature, next: boolean) => {
    setBusy(feature);
    setError(null);
    setLocal((l) => ({ ...l, [feature]: next }));
    const res = await configureIntegrationAction(accountId, 'mitelOne', { features: { [feature]: next } });
    setBusy(null);
    if (res.ok) router.refresh();
    else {
      setLocal((l) => ({ ...l, [feature]: !next }));
      setError(actionError(t, res));
    }
  };

  return (
    <div className="mt-2">
      <FeaturesToggle open={open} controls={listId} onToggle={() => setOpen((o) => !o)} />
      <div id={listId} hidden={!open} className="mt-2 flex flex-col gap-2 border-l-2 border-slate-200 pl-4">
        {error && <Alert tone="error">{error}</Alert>}
        <ul className="flex flex-col gap-2">
          {shown.map((f) => {
            const on = local[f] ?? features[f] ?? false;
            const gearFor = f === 'telephony' ? null : (f as IntegrationId);
            return (
              <li key={f} className="flex items-center gap-3">
                <Switch
                  checked={on}
                  aria-labelledby={`${listId}-${f}`}
                  disabled={!canConfigure || busy !== null}
                  onChange={(next) => toggle(f, next)}
                />
                <span id={`${listId}-${f}`} className="text-sm">
                  {t(`integrations.features.${f}`)}
                </span>
                {canConfigure && gearFor && folded.includes(gearFor) && <GearButton name={integrationName(t, gearFor)} onClick={() => onSettings(gearFor)} />}
              </li>
            );
          })}
        </ul>
        {updateAvailable && <p className="text-xs text-slate-600">{t('integrations.features.moreWithUpdate')}</p>}
      </div>
    </div>
  );
}
