'use client';

import { useCallback, useEffect, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/actions/run-action';
import { actionError } from '../labels';

/**
 * One server action's view of an account, read when `enabled` and again on `reload()`; an answer
 * to an older read is dropped, a refusal becomes a localised error.
 */
export function useAccountRead<T>(read: (accountId: string) => Promise<ActionResult<T>>, accountId: string, enabled = true) {
  const t = useT();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void read(accountId).then((res) => {
      if (!live) return;
      if (res.ok) {
        setData(res.data);
        setError(null);
      } else setError(actionError(t, res));
    });
    return () => {
      live = false;
    };
  }, [read, accountId, enabled, t, version]);

  return { data, error, reload };
}
