'use client';

import { useState } from 'react';
import type { ActionResult } from '@/lib/actions/run-action';
import type { ManagersJobStarted } from '@/lib/managers/request-managers-job';

/**
 * Starts a managers-bulk job from a confirm dialog and keeps what the page shows meanwhile: the
 * pending request, a refusal (every message the server gave, localised by the caller) and the
 * running job's notification for the progress panel.
 */
export function useManagersJob() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [job, setJob] = useState<string | null>(null);

  const start = async (request: () => Promise<ActionResult<ManagersJobStarted>>): Promise<boolean> => {
    setBusy(true);
    setErrors([]);
    const res = await request();
    setBusy(false);
    if (!res.ok) {
      const fieldMessages = Object.values(res.fieldErrors).flat();
      setErrors([...new Set([...(res.formError ? [res.formError] : []), ...fieldMessages])].slice(0, 5));
      if (!res.formError && fieldMessages.length === 0) setErrors(['errors.unexpected']);
      return false;
    }
    setJob(res.data.notificationId);
    return true;
  };

  return { busy, errors, job, start, clearErrors: () => setErrors([]), closeJob: () => setJob(null) };
}
