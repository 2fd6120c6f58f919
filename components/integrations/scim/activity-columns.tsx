'use client';

import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import Link from 'next/link';
import type { ScimActivityRow } from '@/lib/provisioning/read-scim-setup';

/** The operations the SCIM router names (lib/provisioning/scim-router.ts); others show as "METHOD path". */
const OPERATIONS = ['create', 'list', 'get', 'replace', 'patch', 'delete'] as const;
const isOperation = (op: string): op is (typeof OPERATIONS)[number] => (OPERATIONS as readonly string[]).includes(op);

/** Beyond SCIM: one request of the provisioning client, newest first. */
export function activityColumns(t: TFunction, formatTime: (iso: string) => string, accountId: string): ColumnDef<ScimActivityRow>[] {
  return [
    {
      id: 'time',
      header: () => t('scim.activity.columns.time'),
      cell: ({ row }) => (
        <time dateTime={row.original.at} className="whitespace-nowrap tabular-nums">
          {formatTime(row.original.at)}
        </time>
      ),
    },
    {
      id: 'operation',
      header: () => t('scim.activity.columns.operation'),
      cell: ({ row }) => {
        const { operation, method, path } = row.original;
        return isOperation(operation) ? (
          <span title={`${method} ${path}`}>{t(`scim.activity.operations.${operation}`)}</span>
        ) : (
          <code className="text-xs">{operation || `${method} ${path}`}</code>
        );
      },
    },
    {
      id: 'user',
      header: () => t('scim.activity.columns.user'),
      cell: ({ row }) => {
        const { userId, userName, operation } = row.original;
        const label = userName ?? userId;
        if (!label) return <span className="text-slate-400">—</span>;
        // A deleted user has no page to go to.
        return userId && operation !== 'delete' ? (
          <Link href={`/accounts/${accountId}/users/${userId}`} className="break-all text-brand-700 hover:underline">
            {label}
          </Link>
        ) : (
          <span className="break-all">{label}</span>
        );
      },
    },
    {
      id: 'result',
      header: () => t('scim.activity.columns.result'),
      cell: ({ row }) => {
        const { status, scimType } = row.original;
        const failed = status >= 400;
        return (
          <span className="flex flex-wrap items-center gap-1">
            <span className={`rounded px-1.5 py-0.5 text-xs font-medium tabular-nums ${failed ? 'bg-red-100 text-red-800' : 'bg-green-100 text-green-800'}`}>
              {failed ? t('scim.activity.failedStatus', { status }) : t('scim.activity.okStatus', { status })}
            </span>
            {scimType && <code className="text-xs text-slate-600">{scimType}</code>}
          </span>
        );
      },
    },
    {
      id: 'detail',
      header: () => t('scim.activity.columns.detail'),
      cell: ({ row }) => (row.original.detail ? <span className="break-words text-xs text-slate-700">{row.original.detail}</span> : <span className="text-slate-400">—</span>),
    },
  ];
}
