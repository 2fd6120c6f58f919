'use client';

import { useEffect, useRef, useState } from 'react';
import { createConsentLinkAction, readO365ConsentAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { useT } from '@/components/i18n-provider';
import type { O365ConsentView } from '@/lib/office365/read-consent';
import { actionError } from '../labels';

const POLL_MS = 2000;
const WAIT_MS = 10 * 60_000;
const POPUP = 'o365-consent';
const POPUP_FEATURES = 'popup,width=600,height=700';

export type ConsentNotice = { tone: 'error' | 'success' | 'info'; text: string } | null;

/**
 * O365-1: the account's consent, "Authorize on Azure" and "Copy URL". While the pop-up is open the
 * consent is read every 2 s until Microsoft's answer arrives (decidedAt changes), 10 minutes pass,
 * or the pop-up is closed (then once more: the answer may have landed just before).
 */
export function useConsent(accountId: string) {
  const t = useT();
  const [consent, setConsent] = useState<O365ConsentView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<ConsentNotice>(null);
  const [link, setLink] = useState<string | null>(null);
  const popup = useRef<Window | null>(null);
  const baseline = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    void readO365ConsentAction(accountId).then((res) => {
      if (!live) return;
      if (res.ok) setConsent(res.data);
      else setLoadError(actionError(t, res));
    });
    return () => {
      live = false;
    };
  }, [accountId, t]);

  useEffect(() => {
    if (!waiting) return;
    let live = true;
    let reading = false;
    const started = Date.now();
    const tick = async () => {
      if (reading) return;
      reading = true;
      // Noticed before the read, so the read after a closed pop-up is the last one.
      const closed = !popup.current || popup.current.closed;
      const res = await readO365ConsentAction(accountId);
      reading = false;
      if (!live) return;
      const decided = res.ok && res.data.decidedAt !== baseline.current;
      if (res.ok) setConsent(res.data);
      if (decided || closed || Date.now() - started > WAIT_MS) {
        if (decided && popup.current && !popup.current.closed) popup.current.close();
        popup.current = null;
        setWaiting(false);
      }
    };
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [accountId, waiting]);

  const newLink = async (): Promise<string | null> => {
    setNotice(null);
    setBusy(true);
    const res = await createConsentLinkAction(accountId);
    setBusy(false);
    if (!res.ok) {
      setNotice({ tone: 'error', text: actionError(t, res) });
      return null;
    }
    return res.data.url;
  };

  const authorize = async () => {
    // Opened within the click (a pop-up opened after an await is blocked), then sent to Microsoft.
    const blank = window.open('', POPUP, POPUP_FEATURES);
    const url = await newLink();
    if (!url) {
      blank?.close();
      return;
    }
    const opened = window.open(url, POPUP, POPUP_FEATURES) ?? blank;
    if (!opened) {
      setNotice({ tone: 'error', text: t('office365.dialog.popupBlocked') });
      return;
    }
    opened.focus();
    popup.current = opened;
    baseline.current = consent?.decidedAt ?? null;
    setWaiting(true);
  };

  const copyUrl = async () => {
    const url = await newLink();
    if (!url) return;
    // Shown as well, for a clipboard the browser refuses and for reading what was copied.
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setNotice({ tone: 'success', text: t('office365.dialog.copied') });
    } catch {
      setNotice({ tone: 'info', text: t('office365.dialog.copyByHand') });
    }
  };

  return { consent, loadError, waiting, busy, notice, link, authorize, copyUrl };
}
