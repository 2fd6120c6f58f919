'use client';

import { gatewayTaskStatusAction } from '@/app/(portal)/accounts/[accountId]/integrations/gateway/actions';
import { useT } from '@/components/i18n-provider';
import { BulkProgress } from '@/components/users/bulk-progress';
import type { BulkStatus } from '@/lib/users/bulk-status';

/** A gateway step's or support action's job, followed from its notification until it ends. */
export function TaskProgress({ notificationId, onFinished, onClose }: { notificationId: string; onFinished: (s: BulkStatus) => void; onClose: () => void }) {
  const t = useT();
  return <BulkProgress notificationId={notificationId} onClose={onClose} onFinished={onFinished} statusAction={gatewayTaskStatusAction} label={t('gateway.progress')} autoFocus />;
}
