'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type KeyboardEvent } from 'react';
import { addIntegrationAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { catalogueTab, type IntegrationId, type IntegrationTab } from '@/lib/integrations/catalogue';
import { actionError, integrationName } from './labels';
import { Modal } from '@/components/ui/modal';

const TABS: readonly IntegrationTab[] = ['mitel', 'thirdParty'];

interface Props {
  accountId: string;
  open: boolean;
  present: readonly IntegrationId[];
  onRemove: (id: IntegrationId) => void;
  onClose: () => void;
}

/**
 * INT-1 "+ Add new": the Mitel and Third-party tabs of the catalogue (seed 2334-2337). Refusals
 * (e.g. the gateway a Voice Assist needs) are shown in the dialog; "Added" offers "Remove".
 */
export function CatalogueDialog({ accountId, open, present, onRemove, onClose }: Props) {
  const t = useT();
  const router = useRouter();
  const [tab, setTab] = useState<IntegrationTab>('mitel');
  const [busy, setBusy] = useState<IntegrationId | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const select = (index: number) => {
    const next = TABS[index];
    if (!next) return;
    tabRefs.current[index]?.focus();
    setTab(next);
    setMessage(null);
  };
  const onTabKey = (e: KeyboardEvent, index: number) => {
    const last = TABS.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    select(target);
  };

  const add = async (id: IntegrationId) => {
    setBusy(id);
    setMessage(null);
    const res = await addIntegrationAction(accountId, id);
    setBusy(null);
    if (res.ok) {
      setMessage({ tone: 'success', text: t('integrations.catalogue.addedNotice', { name: integrationName(t, id) }) });
      router.refresh();
    } else setMessage({ tone: 'error', text: actionError(t, res) });
  };
  const close = () => {
    setMessage(null);
    onClose();
  };

  return (
    <Modal open={open} title={t('integrations.catalogue.title')} onClose={close} wide>
      <div role="tablist" aria-label={t('integrations.catalogue.tabs')} className="flex gap-6 border-b border-slate-200">
        {TABS.map((value, index) => (
          <button
            key={value}
            ref={(el) => {
              tabRefs.current[index] = el;
            }}
            id={`integration-tab-${value}`}
            type="button"
            role="tab"
            aria-selected={tab === value}
            aria-controls="integration-tabpanel"
            tabIndex={tab === value ? 0 : -1}
            onClick={() => select(index)}
            onKeyDown={(e) => onTabKey(e, index)}
            className={`-mb-px border-b-2 px-1 pb-2 text-sm ${tab === value ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t(`integrations.catalogue.tab.${value}`)}
          </button>
        ))}
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div role="tabpanel" id="integration-tabpanel" aria-labelledby={`integration-tab-${tab}`} className="max-h-[55vh] overflow-y-auto">
        <ul className="flex flex-col gap-2">
          {catalogueTab(tab).map((d) => {
            const name = integrationName(t, d.id);
            const added = present.includes(d.id);
            return (
              <li key={d.id} className="flex items-center justify-between gap-4 rounded border border-slate-200 px-4 py-3">
                <div className="min-w-0">
                  <p className="text-sm font-medium">{name}</p>
                  <p className="text-xs text-slate-600">{t(`integrations.descriptions.${d.id}`)}</p>
                  {d.requires && !added && !present.includes(d.requires) && (
                    <p className="mt-1 text-xs font-medium text-amber-800">{t('integrations.catalogue.requires', { name: integrationName(t, d.requires) })}</p>
                  )}
                </div>
                {added ? (
                  d.removable ? (
                    // "Added" turns into "Remove" on hover or keyboard focus (seed 2833-2836).
                    <button
                      type="button"
                      aria-label={t('integrations.catalogue.removeNamed', { name })}
                      onClick={() => onRemove(d.id)}
                      className="group w-24 shrink-0 rounded border border-slate-300 px-3 py-2 text-sm font-medium text-green-800 hover:border-red-300 hover:bg-red-50 hover:text-red-700 focus-visible:border-red-300 focus-visible:bg-red-50 focus-visible:text-red-700"
                    >
                      <span className="group-hover:hidden group-focus-visible:hidden">{t('integrations.catalogue.added')}</span>
                      <span className="hidden group-hover:inline group-focus-visible:inline">{t('integrations.remove.button')}</span>
                    </button>
                  ) : (
                    <span className="w-24 shrink-0 text-center text-sm font-medium text-green-800">{t('integrations.catalogue.added')}</span>
                  )
                ) : (
                  <Button className="w-24 shrink-0" disabled={busy !== null} aria-label={t('integrations.catalogue.addNamed', { name })} onClick={() => add(d.id)}>
                    {t('integrations.catalogue.add')}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <div className="flex justify-end">
        <Button variant="secondary" onClick={close}>
          {t('integrations.catalogue.done')}
        </Button>
      </div>
    </Modal>
  );
}
