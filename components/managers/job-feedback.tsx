'use client';

import { managersJobStatusAction } from '@/app/(portal)/account-managers/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { BulkProgress } from '@/components/users/bulk-progress';

/** A refused request's messages, or the running job's progress panel with Close (MGR-2..4). */
export function JobFeedback({ errors, job, onClose }: { errors: string[]; job: string | null; onClose: () => void }) {
  const t = useT();
  return (
    <>
      {errors.length > 0 && (
        <Alert tone="error">
          {errors.length === 1 ? (
            t(errors[0]!)
          ) : (
            <ul className="list-disc pl-4">
              {errors.map((e) => (
                <li key={e}>{t(e)}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {job && <BulkProgress key={job} notificationId={job} onClose={onClose} statusAction={managersJobStatusAction} />}
    </>
  );
}
