'use client';

import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import type { TeamsSetupView } from '@/lib/teams/read-teams-setup';
import { VerifySystem } from './verify-system';
import { VerifyUser } from './verify-user';

const TABS = ['system', 'user'] as const;
type Tab = (typeof TABS)[number];

interface Props {
  accountId: string;
  open: boolean;
  /** The last verification, shown until a new one runs. */
  lastVerification: TeamsSetupView['lastVerification'];
  /** TEAMS-4 is on: "Sync all MS Teams presence to MiCollab" is offered. */
  syncFromTeams: boolean;
  /** After a verification: the row reads the setup again (secret expiry, last run). */
  onVerified: () => void;
  onClose: () => void;
}

/** TEAMS-5 "Verify or troubleshoot MS Teams presence configuration": system checks and one user's presence. */
export function VerifyDialog({ accountId, open, lastVerification, syncFromTeams, onVerified, onClose }: Props) {
  const t = useT();
  return (
    <Modal open={open} wide title={t('teams.verify.title')} onClose={onClose}>
      {open && <VerifyTabs accountId={accountId} lastVerification={lastVerification} syncFromTeams={syncFromTeams} onVerified={onVerified} onClose={onClose} />}
    </Modal>
  );
}

function VerifyTabs({ accountId, lastVerification, syncFromTeams, onVerified, onClose }: Omit<Props, 'open'>) {
  const t = useT();
  const base = useId();
  const [tab, setTab] = useState<Tab>('system');
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  const select = (index: number) => {
    const next = TABS[index];
    if (!next) return;
    refs.current[index]?.focus();
    setTab(next);
  };
  const onKey = (e: KeyboardEvent, index: number) => {
    const last = TABS.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    select(target);
  };

  return (
    <>
      <div role="tablist" aria-label={t('teams.verify.tabs')} className="flex gap-6 border-b border-slate-200">
        {TABS.map((value, index) => (
          <button
            key={value}
            ref={(el) => {
              refs.current[index] = el;
            }}
            id={`${base}-tab-${value}`}
            type="button"
            role="tab"
            aria-selected={tab === value}
            aria-controls={`${base}-panel-${value}`}
            tabIndex={tab === value ? 0 : -1}
            onClick={() => select(index)}
            onKeyDown={(e) => onKey(e, index)}
            className={`-mb-px border-b-2 px-1 pb-2 text-sm ${tab === value ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t(`teams.verify.tab.${value}`)}
          </button>
        ))}
      </div>
      {/* Both panels stay mounted, so a result survives a look at the other tab. */}
      <div role="tabpanel" id={`${base}-panel-system`} aria-labelledby={`${base}-tab-system`} hidden={tab !== 'system'} className="max-h-[60vh] overflow-y-auto">
        <VerifySystem accountId={accountId} last={lastVerification} onVerified={onVerified} />
      </div>
      <div role="tabpanel" id={`${base}-panel-user`} aria-labelledby={`${base}-tab-user`} hidden={tab !== 'user'} className="max-h-[60vh] overflow-y-auto">
        <VerifyUser accountId={accountId} syncFromTeams={syncFromTeams} />
      </div>
      <div className="flex justify-end border-t border-slate-200 pt-4">
        <Button variant="secondary" onClick={onClose}>
          {t('teams.verify.done')}
        </Button>
      </div>
    </>
  );
}
