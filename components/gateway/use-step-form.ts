'use client';

import { useState } from 'react';
import type { z } from 'zod';
import type { ActionResult } from '@/lib/actions/run-action';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';

/**
 * A wizard form's submit: the command's own schema checks it in the browser first (the rule lives
 * once), then the action; field errors by dotted path, a form error for the rest.
 */
export function useStepForm<S extends z.ZodType, T>(schema: S, action: (values: z.infer<S>) => Promise<ActionResult<T>>, onDone: (data: T) => void, serverPrefix = '') {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: unknown) => {
    setFormError(null);
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setBusy(true);
    const res = await action(parsed.data);
    setBusy(false);
    if (res.ok) return onDone(res.data);
    // The command nests the values (e.g. `site.name`); the form's fields are named without it.
    setErrors(Object.fromEntries(Object.entries(res.fieldErrors).map(([k, v]) => [serverPrefix && k.startsWith(`${serverPrefix}.`) ? k.slice(serverPrefix.length + 1) : k, v])));
    setFormError(res.formError ?? (Object.keys(res.fieldErrors).length ? null : 'errors.unexpected'));
  };
  return { errors, formError, busy, submit, of: (path: string) => errors[path] };
}
