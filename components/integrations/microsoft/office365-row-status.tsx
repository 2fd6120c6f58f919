'use client';

import { useEffect, useState } from 'react';
import { readO365ConsentAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { useT } from '@/components/i18n-provider';
import type { O365ConsentView } from '@/lib/office365/read-consent';

const TONE = { succeeded: 'text-green-800', unknown: 'text-amber-800', failed: 'text-red-800' } as const;

/** O365-1: an enabled Office 365 integration's status is its consent as Microsoft last answered. */
export function Office365RowStatus({ accountId }: { accountId: string }) {
  const t = useT();
  const [state, setState] = useState<O365ConsentView['state'] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void readO365ConsentAction(accountId).then((res) => {
      if (live) setState(res.ok ? res.data.state : null);
    });
    return () => {
      live = false;
    };
  }, [accountId]);
  if (state === undefined) return null;
  if (state === null) return <span className="font-medium text-green-800">{t('integrations.status.configured')}</span>;
  return <span className={`font-medium ${TONE[state]}`}>{t(`office365.row.${state}`)}</span>;
}
