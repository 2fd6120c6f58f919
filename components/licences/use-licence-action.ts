'use client';

import { useRouter } from 'next/navigation';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/actions/run-action';

/** What a licence change reports: how many users changed, or that they had it already. */
export function changedText(t: TFunction, changed: number): string {
  return changed ? t('licences.bulk.done', { count: changed }) : t('licences.bulk.nothingChanged');
}

export interface LicenceMessage {
  tone: 'success' | 'error';
  text: string;
}

/**
 * Runs one licence action (the user page, the Manage panel): busy while it runs, then the server's
 * own words — the success text, or its refusal such as "2 more licences needed …" with the count —
 * and a refresh of the page's figures.
 */
export function useLicenceAction() {
  const t = useT();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<LicenceMessage | null>(null);

  /** `success` gives the text to show, or null when the caller shows the outcome itself (a job's progress). */
  const run = async <T>(call: () => Promise<ActionResult<T>>, success: (data: T) => string | null): Promise<boolean> => {
    setBusy(true);
    setMessage(null);
    const res = await call();
    setBusy(false);
    if (res.ok) {
      const text = success(res.data);
      if (text !== null) setMessage({ tone: 'success', text });
      router.refresh();
      return true;
    }
    const field = Object.values(res.fieldErrors).flat()[0];
    setMessage({ tone: 'error', text: t(res.formError ?? field ?? 'errors.unexpected', res.formParams ?? {}) });
    return false;
  };
  return { busy, message, setMessage, run };
}
