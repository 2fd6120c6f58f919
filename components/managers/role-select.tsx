'use client';

import { useEffect, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import type { PartnerAdminRow } from '@/lib/managers/list-admins';
import type { PartnerRoleChoice } from '@/lib/roles/partner-roles';

interface Props {
  row: PartnerAdminRow;
  roles: readonly PartnerRoleChoice[];
  /** Stores the new role; resolves false when the server refused it. */
  onSave: (row: PartnerAdminRow, roleId: string) => Promise<boolean>;
}

/** A pause after the last change before saving: stepping through the choices with the arrow keys saves once. */
const SAVE_DELAY_MS = 700;

/**
 * A partner user's role, saved shortly after the last change (or when the field is left): Partner
 * or a Partner-based role of the organisation. The signed-in admin's own row is locked. A refusal
 * puts the stored role back; a new stored role from the server replaces the shown one.
 */
export function RoleSelect({ row, roles, onSave }: Props) {
  const t = useT();
  const [value, setValue] = useState(row.roleId);
  const [seen, setSeen] = useState(row.roleId);
  if (row.roleId !== seen) {
    setSeen(row.roleId);
    setValue(row.roleId);
  }
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; roleId: string } | null>(null);
  const flush = () => {
    const next = pending.current;
    if (!next) return;
    clearTimeout(next.timer);
    pending.current = null;
    if (next.roleId === row.roleId) return;
    void onSave(row, next.roleId).then((ok) => {
      if (!ok) setValue(row.roleId);
    });
  };
  useEffect(() => () => clearTimeout(pending.current?.timer), []);
  // A role the choices lack (it was just deleted or renamed elsewhere) stays visible as it is.
  const listed = roles.some((r) => r.id === row.roleId);
  return (
    <select
      value={value}
      aria-label={t('managers.role.label', { name: row.displayName })}
      disabled={row.isSelf}
      title={row.isSelf ? t('managers.role.ownRole') : undefined}
      onChange={(e) => {
        const roleId = e.target.value;
        setValue(roleId);
        clearTimeout(pending.current?.timer);
        pending.current = { roleId, timer: setTimeout(flush, SAVE_DELAY_MS) };
      }}
      onBlur={flush}
      className="min-w-40 rounded border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-600 disabled:bg-slate-50 disabled:text-slate-600"
    >
      {!listed && <option value={row.roleId}>{row.roleKey ? t(`users.roles.${row.roleKey}`) : row.roleName}</option>}
      {roles.map((r) => (
        <option key={r.id} value={r.id}>
          {r.key ? t('users.roles.partner') : r.name}
        </option>
      ))}
    </select>
  );
}
