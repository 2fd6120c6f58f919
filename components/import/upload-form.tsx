'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { MAX_FILE_BYTES } from '@/lib/import/limits';

const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The limit as the server words it ("20 MB"), so both refusals read the same. */
const MAX_SIZE = `${Math.round(MAX_FILE_BYTES / (1024 * 1024))} MB`;

type Failure = { key: string; params?: Record<string, string> } | { message: string };

/**
 * IMP-2 upload: the raw file as the request body (not multipart), with real upload progress. An
 * empty choice and an oversized file are refused here already; the server checks again and its
 * refusal arrives localised.
 */
export function UploadForm({ accountId }: { accountId: string }) {
  const t = useT();
  const router = useRouter();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [percent, setPercent] = useState(0);
  const [failure, setFailure] = useState<Failure | null>(null);

  // Leaving the page stops an upload in flight; the server deletes the partial import.
  useEffect(() => () => xhrRef.current?.abort(), []);

  const fail = (f: Failure) => {
    xhrRef.current = null;
    setUploading(null);
    setFailure(f);
    fileRef.current?.focus();
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return fail({ key: 'import.upload.noFile' });
    if (file.size === 0) return fail({ key: 'import.file.empty' });
    if (file.size > MAX_FILE_BYTES) return fail({ key: 'import.file.tooLarge', params: { max: MAX_SIZE } });

    setFailure(null);
    setPercent(0);
    setUploading(file.name);
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open('POST', `/api/upload/user-imports/${encodeURIComponent(accountId)}`);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (p) => {
      if (p.lengthComputable && p.total > 0) setPercent(Math.min(100, Math.round((p.loaded / p.total) * 100)));
    };
    xhr.onload = () => {
      let body: { importId?: string; message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // Not JSON (a proxy's error page): the generic message below.
      }
      if (xhr.status === 201 && body.importId) {
        setPercent(100);
        router.push(`/accounts/${accountId}/users/import/${body.importId}`);
        return;
      }
      fail(body.message ? { message: body.message } : { key: 'errors.unexpected' });
    };
    xhr.onerror = () => fail({ key: 'errors.unexpected' });
    xhr.send(file);
  };

  const busy = uploading !== null;
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      {failure && (
        <div id={errorId}>
          <Alert tone="error">{'message' in failure ? failure.message : t(failure.key, failure.params ?? {})}</Alert>
        </div>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
          {t('import.ui.fileLabel')}
        </label>
        <input
          ref={fileRef}
          id={inputId}
          type="file"
          name="file"
          accept={ACCEPT}
          disabled={busy}
          aria-invalid={failure ? true : undefined}
          aria-describedby={[hintId, failure ? errorId : null].filter(Boolean).join(' ')}
          onChange={() => setFailure(null)}
          className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-50"
        />
        <p id={hintId} className="text-xs text-slate-600">
          {t('import.ui.fileHint')}
        </p>
      </div>
      {busy && (
        <div className="flex flex-col gap-1 text-sm text-slate-700">
          <p role="status">{t('import.ui.uploading', { file: uploading })}</p>
          <div className="flex items-center gap-3">
            <progress className="w-full" max={100} value={percent} aria-label={t('import.ui.uploadProgress')} />
            <span aria-hidden className="w-12 text-right tabular-nums">
              {percent}%
            </span>
          </div>
        </div>
      )}
      <div>
        <Button type="submit" disabled={busy}>
          {t('import.ui.upload')}
        </Button>
      </div>
    </form>
  );
}
