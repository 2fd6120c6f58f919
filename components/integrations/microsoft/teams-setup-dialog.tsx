'use client';

import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Modal } from '@/components/ui/modal';
import { TeamsSetupForm } from './teams-setup-form';
import { useTeamsSetup } from './use-teams-setup';

interface Props {
  accountId: string;
  open: boolean;
  onClose: () => void;
  /** "Remove": the panel's confirmation, when the actor may remove integrations. */
  onRemove?: () => void;
}

/** TEAMS-1 "Microsoft Teams integration": opened by "Finish setup", and by the gear once set up. */
export function TeamsSetupDialog({ accountId, open, onClose, onRemove }: Props) {
  const t = useT();
  return (
    <Modal open={open} title={t('teams.setup.title')} onClose={onClose}>
      {open && <TeamsSetup accountId={accountId} onClose={onClose} onRemove={onRemove} />}
    </Modal>
  );
}

function TeamsSetup({ accountId, onClose, onRemove }: Omit<Props, 'open'>) {
  const t = useT();
  const { data, error } = useTeamsSetup(accountId);
  if (!data) return error ? <Alert tone="error">{error}</Alert> : <p role="status" className="text-sm text-slate-600">{t('teams.loading')}</p>;
  return <TeamsSetupForm accountId={accountId} setup={data.setup} monitors={data.monitors} onClose={onClose} onRemove={onRemove} />;
}
