'use client';

import { useCallback, useState } from 'react';
import { setPartnerUserRoleAction } from '@/app/(portal)/account-managers/actions';
import { useT } from '@/components/i18n-provider';
import type { PartnerAdminRow } from '@/lib/managers/list-admins';

export type RoleNote = { tone: 'success' | 'error'; text: string };

/**
 * Saves a partner user's role from the Account managers page and keeps the one message the page
 * shows for it: "The role of … has been changed." or the server's refusal, localised.
 */
export function useRoleChange() {
  const t = useT();
  const [note, setNote] = useState<RoleNote | null>(null);

  const save = useCallback(
    async (row: PartnerAdminRow, roleId: string): Promise<boolean> => {
      setNote(null);
      const res = await setPartnerUserRoleAction(row.id, roleId);
      if (res.ok) {
        setNote({ tone: 'success', text: t('managers.role.changed', { name: row.displayName }) });
        return true;
      }
      const key = res.formError ?? Object.values(res.fieldErrors).flat()[0] ?? 'errors.unexpected';
      setNote({ tone: 'error', text: t(key, res.formParams ?? {}) });
      return false;
    },
    [t],
  );

  return { note, save, clear: useCallback(() => setNote(null), []) };
}
