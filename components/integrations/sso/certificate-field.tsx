'use client';

import { forwardRef, useEffect, useId, useRef, useState, type TextareaHTMLAttributes } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { previewCertificatesAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import type { CertificatePreview } from '@/lib/sso/preview-certificates';
import type { z } from 'zod';
import type { ConfigureSsoInput, ConfigureSsoValues } from '@/lib/sso/schemas';
import { formatDay } from '../labels';

type Certificate = Extract<CertificatePreview, { ok: true }>['certificates'][number];
type Preview = { state: 'idle' } | { state: 'checking' } | { state: 'done'; result: CertificatePreview } | { state: 'failed' };

/** How long the admin may pause while pasting before the certificates are parsed. */
const DEBOUNCE_MS = 300;

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children'> & {
  name: 'certificates';
  label: string;
  hint: string;
  errors?: string[];
  control: Control<ConfigureSsoValues, unknown, z.output<typeof ConfigureSsoInput>>;
  /** The saved text and its certificates: shown without asking the server again. */
  saved: { text: string; certificates: Certificate[] } | null;
};

/**
 * SSO-1: the pasted signing certificates, parsed by the server as the admin pastes (debounced):
 * each with its subject and expiry, or the first problem ("Certificate 2: …") under the field.
 */
export const CertificateField = forwardRef<HTMLTextAreaElement, Props>(function CertificateField({ label, hint, errors, control, saved, ...props }, ref) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const text = useWatch({ control, name: 'certificates' }) ?? '';
  const [preview, setPreview] = useState<Preview>(saved ? { state: 'done', result: { ok: true, certificates: saved.certificates } } : { state: 'idle' });
  const checked = useRef(saved?.text ?? '');
  const sequence = useRef(0);

  useEffect(() => {
    if (text === checked.current) return;
    const handle = setTimeout(async () => {
      checked.current = text;
      const mine = ++sequence.current;
      if (!text.trim()) {
        setPreview({ state: 'idle' });
        return;
      }
      setPreview({ state: 'checking' });
      const res = await previewCertificatesAction(text);
      // A newer paste has started its own check; this answer is stale.
      if (mine !== sequence.current) return;
      setPreview(res.ok ? { state: 'done', result: res.data } : { state: 'failed' });
    }, DEBOUNCE_MS);
    return () => clearTimeout(handle);
  }, [text]);

  const invalid = Boolean(errors?.length);
  const problem = preview.state === 'done' && !preview.result.ok ? preview.result.problem : null;
  const problemText = problem ? ('index' in problem ? t('sso.dialog.certificates.problemAt', { n: problem.index, problem: t(problem.code) }) : t(problem.code)) : null;
  // The submit's field error wins; the live check speaks only while the field has none.
  const live = invalid ? null : preview.state === 'checking' ? t('sso.dialog.certificates.checking') : preview.state === 'failed' ? t('sso.dialog.certificates.checkFailed') : problemText;
  const certificates = preview.state === 'done' && preview.result.ok ? preview.result.certificates : [];

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        ref={ref}
        id={id}
        rows={6}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid || Boolean(problem) || undefined}
        aria-describedby={`${id}-hint ${id}-status${invalid ? ` ${id}-error` : ''}`}
        className={`rounded border px-3 py-2 font-mono text-xs ${invalid || problem ? 'border-red-500' : 'border-slate-300'} focus:border-brand-600`}
        {...props}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </p>
      {invalid && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {errors!.map((e) => t(e)).join(' ')}
        </p>
      )}
      <p id={`${id}-status`} aria-live="polite" className={`text-xs ${problem ? 'text-red-700' : 'text-slate-600'}`}>
        {live}
      </p>
      {certificates.length > 0 && (
        <ul aria-label={t('sso.dialog.certificates.found', { count: certificates.length })} className="flex flex-col gap-1">
          {certificates.map((c, i) => (
            <li key={`${c.fingerprint}-${i}`} className="flex flex-wrap items-center gap-x-3 gap-y-0.5 rounded border border-slate-200 px-3 py-1.5 text-xs">
              <span className="min-w-0 break-all font-medium text-slate-800">{c.subject}</span>
              <span className="text-slate-600">{t('sso.dialog.certificates.validTo', { date: formatDay(c.validTo, i18n.language) })}</span>
              {c.state !== 'valid' && (
                <span className={`rounded px-1.5 py-0.5 font-medium ${c.state === 'expired' ? 'bg-red-100 text-red-800' : 'bg-amber-100 text-amber-900'}`}>
                  {t(c.state === 'expired' ? 'sso.dialog.certificates.expired' : 'sso.dialog.certificates.expiring')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
