'use client';

import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import Link from 'next/link';
import type { PartnerAdminRow } from '@/lib/managers/list-admins';
import type { ManagerTab } from '@/lib/managers/schemas';
import type { PartnerRoleChoice } from '@/lib/roles/partner-roles';
import { RoleSelect } from './role-select';
import { selectableColumn } from './selection';

/** MGR-1 columns: managers show their assigned accounts; both tabs change a partner user's role. */
export function adminColumns(
  t: TFunction,
  tab: ManagerTab,
  roles: readonly PartnerRoleChoice[],
  saveRole: (row: PartnerAdminRow, roleId: string) => Promise<boolean>,
): ColumnDef<PartnerAdminRow>[] {
  const columns: ColumnDef<PartnerAdminRow>[] = [
    selectableColumn<PartnerAdminRow>(
      {
        all: t('managers.list.selectPage'),
        row: (r) => t('managers.list.selectRow', { name: r.displayName }),
        locked: () => t('managers.list.selfLocked'),
      },
      (r) => !r.isSelf,
    ),
    {
      id: 'name',
      header: t('managers.columns.name'),
      cell: ({ row: { original: r } }) => (
        <div className="flex flex-wrap items-center gap-2">
          {tab === 'managers' && !r.isSelf ? (
            // Seed 2.15: clicking a manager's name manages that one manager.
            <Link href={`/account-managers/assign?managers=${r.id}`} className="font-medium text-brand-700 hover:underline">
              {r.displayName}
            </Link>
          ) : (
            <span className="font-medium">{r.displayName}</span>
          )}
          {r.isSelf && <span className="rounded bg-slate-200 px-1.5 text-xs text-slate-700">{t('managers.list.you')}</span>}
        </div>
      ),
    },
    { id: 'email', header: t('managers.columns.email'), cell: ({ row }) => <span className="break-all">{row.original.email}</span> },
  ];
  if (tab === 'managers') columns.push({ id: 'assigned', header: t('managers.columns.assigned'), cell: ({ row }) => row.original.assignedCount });
  columns.push({ id: 'role', header: t('managers.columns.role'), cell: ({ row }) => <RoleSelect row={row.original} roles={roles} onSave={saveRole} /> });
  return columns;
}
