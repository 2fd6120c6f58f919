'use client';

import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import Link from 'next/link';

/** One row of the accounts list, with names and dates already rendered in the reader's language. */
export interface AccountRow {
  id: string;
  name: string;
  countryName: string;
  status: 'active' | 'deactivated' | 'deleting';
  userCount: number;
  created: string;
}

export function accountColumns(t: TFunction): ColumnDef<AccountRow>[] {
  return [
    {
      id: 'name',
      header: () => t('accounts.columns.name'),
      cell: ({ row }) => (
        <Link href={`/accounts/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
          {row.original.name}
        </Link>
      ),
    },
    {
      id: 'accountId',
      header: () => t('accounts.columns.accountId'),
      cell: ({ row }) => <code className="text-xs text-slate-600">{row.original.id}</code>,
    },
    { id: 'country', header: () => t('accounts.columns.country'), cell: ({ row }) => row.original.countryName },
    {
      id: 'status',
      header: () => t('accounts.columns.status'),
      cell: ({ row }) => (
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${row.original.status === 'active' ? 'bg-green-100 text-green-800' : 'bg-amber-100 text-amber-900'}`}>
          {t(`account.status.${row.original.status}`)}
        </span>
      ),
    },
    { id: 'users', header: () => t('accounts.columns.users'), cell: ({ row }) => row.original.userCount },
    { id: 'created', header: () => t('accounts.columns.created'), cell: ({ row }) => row.original.created },
  ];
}
