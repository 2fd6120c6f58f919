'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { configureIntegrationAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { useT } from '@/components/i18n-provider';
import { applyServerErrors } from '@/components/users/form-errors';
import type { ConfigurableIntegration } from '@/lib/integrations/settings';

/**
 * Saves a settings patch through configureIntegrationAction: field errors go onto the form's
 * fields, anything else is returned as the form's message; on success the page reloads its data.
 */
export function useSaveSettings(accountId: string, integrationId: ConfigurableIntegration, fields: readonly string[]) {
  const t = useT();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);

  const save = async (patch: Record<string, unknown>, setFieldError: (field: string, key: string) => void = () => undefined): Promise<boolean> => {
    setFormError(null);
    const res = await configureIntegrationAction(accountId, integrationId, patch);
    if (res.ok) {
      router.refresh();
      return true;
    }
    const key = applyServerErrors(res, fields, setFieldError);
    if (key) setFormError(t(key, res.formParams ?? {}));
    return false;
  };
  return { save, formError };
}
