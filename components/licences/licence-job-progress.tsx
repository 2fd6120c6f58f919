'use client';

import { useT } from '@/components/i18n-provider';
import { BulkProgress } from '@/components/users/bulk-progress';

/**
 * A large licence change running as a job (ORD-5, M1-2, MTM-1): "x of y users" with a bar, then
 * the result or the refusal ("N more licences needed …", nothing changed), read from the job's
 * notification, the one the bell shows. It takes the focus, as it replaces the control that
 * started the change.
 */
export function LicenceJobProgress({ notificationId, onFinished, onClose }: { notificationId: string; onFinished: () => void; onClose: () => void }) {
  const t = useT();
  return <BulkProgress key={notificationId} notificationId={notificationId} label={t('licences.job.title')} onFinished={onFinished} onClose={onClose} autoFocus />;
}
