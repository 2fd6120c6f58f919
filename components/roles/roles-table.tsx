'use client';

import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { useT } from '@/components/i18n-provider';
import type { RoleListRow } from '@/lib/roles/list-roles';

/** A base role in the reader's language, a custom role by the name its partner gave it. */
export function roleName(t: TFunction, role: Pick<RoleListRow, 'key' | 'name'>): string {
  return role.key ? t(`users.roles.${role.key}`) : role.name;
}

function columns(t: TFunction): ColumnDef<RoleListRow>[] {
  return [
    {
      id: 'name',
      header: () => t('roles.columns.name'),
      cell: ({ row: { original: r } }) => (
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/roles/${r.id}`} className="font-medium text-brand-700 hover:underline">
            {roleName(t, r)}
          </Link>
          {r.key && <span className="rounded bg-slate-200 px-1.5 text-xs text-slate-700">{t('roles.list.fixed')}</span>}
        </div>
      ),
    },
    { id: 'baseRole', header: () => t('roles.columns.baseRole'), cell: ({ row }) => t(`users.roles.${row.original.baseRole}`) },
    {
      id: 'description',
      header: () => t('roles.columns.description'),
      cell: ({ row: { original: r } }) => (r.key ? t(`roles.baseDescriptions.${r.key}`) : r.description || <span className="text-slate-400">—</span>),
    },
    { id: 'users', header: () => t('roles.columns.users'), cell: ({ row }) => row.original.userCount },
    {
      id: 'accounts',
      header: () => t('roles.columns.accounts'),
      // Only Admin-based custom roles are assigned to accounts (ROLE-4).
      cell: ({ row: { original: r } }) => (!r.key && r.baseRole === 'admin' ? r.accountCount : <span className="text-slate-400">—</span>),
    },
  ];
}

/** ROLE-1..5: the base roles and the organisation's custom roles; few, so one page. */
export function RolesTable({ rows }: { rows: RoleListRow[] }) {
  const t = useT();
  const cols = useMemo(() => columns(t), [t]);
  return <DataTable label={t('roles.list.label')} columns={cols} rows={rows} rowId={(r) => r.id} total={rows.length} nextCursor={null} emptyMessage={t('roles.list.empty')} />;
}
