'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { TestResult } from '@/lib/sso/consume-response';
import { SSO_TEST_MESSAGE, SsoTestReport } from './test-report';

type Report = { requestId: string; result: TestResult };

/** The pop-up's message, checked field by field: any page of our origin can post to this window. */
function asReport(data: unknown): Report | null {
  if (!data || typeof data !== 'object') return null;
  const { type, requestId, result } = data as Record<string, unknown>;
  if (type !== SSO_TEST_MESSAGE || typeof requestId !== 'string' || !result || typeof result !== 'object') return null;
  if (typeof (result as Record<string, unknown>).ok !== 'boolean') return null;
  return { requestId, result: result as TestResult };
}

/**
 * Beyond SSO-3 "Test connection": a round trip to the IdP in a pop-up (the admin signs in there as
 * any user of the account; nobody is signed in here). The pop-up's result page posts the outcome
 * back, naming the failing check; closing the pop-up ends the test without one.
 */
export function TestConnection({ accountId, onFinished }: { accountId: string; onFinished: () => void }) {
  const t = useT();
  const titleId = useId();
  const hintId = useId();
  const popup = useRef<Window | null>(null);
  const [state, setState] = useState<'idle' | 'testing' | 'blocked'>('idle');
  const [report, setReport] = useState<Report | null>(null);

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || !popup.current || e.source !== popup.current) return;
      const received = asReport(e.data);
      if (!received) return;
      popup.current.close();
      popup.current = null;
      setReport(received);
      setState('idle');
      // The test wrote a line to the sign-in log.
      onFinished();
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [onFinished]);

  useEffect(() => {
    if (state !== 'testing') return;
    const timer = setInterval(() => {
      if (popup.current && !popup.current.closed) return;
      popup.current = null;
      setState('idle');
    }, 500);
    return () => clearInterval(timer);
  }, [state]);

  const start = () => {
    setReport(null);
    const opened = window.open(`/api/sso/${accountId}/test`, 'sso-test', 'popup,width=560,height=720');
    if (!opened) {
      setState('blocked');
      return;
    }
    popup.current = opened;
    opened.focus();
    setState('testing');
  };

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3 border-t border-slate-200 pt-4">
      <div className="flex items-center justify-between gap-3">
        <h3 id={titleId} className="text-base font-semibold">
          {t('sso.dialog.test.title')}
        </h3>
        <Button variant="secondary" aria-describedby={hintId} onClick={start}>
          {t('sso.dialog.test.button')}
        </Button>
      </div>
      <p id={hintId} className="text-sm text-slate-600">
        {t('sso.dialog.test.hint')}
      </p>
      {state === 'testing' && (
        <p role="status" className="text-sm text-slate-700">
          {t('sso.dialog.test.testing')}
        </p>
      )}
      {state === 'blocked' && <Alert tone="error">{t('sso.dialog.test.blocked')}</Alert>}
      {report && <SsoTestReport requestId={report.requestId} result={report.result} />}
    </section>
  );
}
