'use client';

import { useEffect } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import type { TestResult } from '@/lib/sso/consume-response';

/** The message the Test connection pop-up posts to the dialog that opened it. */
export const SSO_TEST_MESSAGE = 'sso-test-result';

/**
 * Beyond SSO-3: a Test connection outcome, naming the exact failing check (admins only see this).
 * In the pop-up (`notifyOpener`) it also hands the result to the dialog, which closes the pop-up.
 */
export function SsoTestReport({ requestId, result, notifyOpener = false }: { requestId: string; result: TestResult | null; notifyOpener?: boolean }) {
  const t = useT();
  useEffect(() => {
    if (!notifyOpener || !result || !window.opener) return;
    (window.opener as Window).postMessage({ type: SSO_TEST_MESSAGE, requestId, result }, window.location.origin);
  }, [notifyOpener, requestId, result]);

  if (!result) return <p role="status" className="text-sm text-slate-600">{t('sso.test.pending')}</p>;
  if (result.ok) return <Alert tone="success">{t('sso.test.passed', { email: result.email ?? '' })}</Alert>;
  return (
    <Alert tone="error">
      <span className="block font-medium">{t('sso.test.failed', { check: t(`sso.checks.${result.check ?? 'malformed'}`) })}</span>
      {result.detail && <span className="mt-1 block text-sm">{result.detail}</span>}
    </Alert>
  );
}
