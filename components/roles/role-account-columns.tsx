'use client';

import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import Link from 'next/link';
import { selectionColumn } from '@/components/data-table/data-table';
import type { RoleAccountRow } from '@/lib/roles/list-role-accounts';

/** The Accounts tab's columns: account, status, whether the role is assigned, its holders there. */
export function roleAccountColumns(t: TFunction, selectable: boolean): ColumnDef<RoleAccountRow>[] {
  const columns: ColumnDef<RoleAccountRow>[] = [
    {
      id: 'name',
      header: () => t('roles.accounts.columns.name'),
      cell: ({ row }) => (
        <Link href={`/accounts/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
          {row.original.name}
        </Link>
      ),
    },
    { id: 'status', header: () => t('roles.accounts.columns.status'), cell: ({ row }) => t(`account.status.${row.original.status}`) },
    {
      id: 'assigned',
      header: () => t('roles.accounts.columns.assigned'),
      cell: ({ row }) => (
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${row.original.assigned ? 'bg-green-100 text-green-800' : 'bg-slate-100 text-slate-700'}`}>
          {t(row.original.assigned ? 'roles.accounts.yes' : 'roles.accounts.no')}
        </span>
      ),
    },
    { id: 'holders', header: () => t('roles.accounts.columns.holders'), cell: ({ row }) => row.original.holders },
  ];
  if (!selectable) return columns;
  return [selectionColumn<RoleAccountRow>({ all: t('roles.accounts.selectPage'), row: (a) => t('roles.accounts.selectAccount', { name: a.name }) }), ...columns];
}
