'use client';

import { integrationUpdateStatusAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { useT } from '@/components/i18n-provider';
import { BulkProgress } from '@/components/users/bulk-progress';
import type { IntegrationId } from '@/lib/integrations/catalogue';
import { integrationName } from './labels';

/** INT-4: the progress of "Install update", read from its notification until it ends. */
export function UpdateProgress({ integrationId, notificationId, onClose }: { integrationId: IntegrationId; notificationId: string; onClose: () => void }) {
  const t = useT();
  return (
    <BulkProgress
      notificationId={notificationId}
      onClose={onClose}
      statusAction={integrationUpdateStatusAction}
      label={t('integrations.update.title', { name: integrationName(t, integrationId) })}
    />
  );
}
