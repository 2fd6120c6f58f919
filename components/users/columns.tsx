'use client';

import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import Link from 'next/link';
import { selectionColumn } from '@/components/data-table/data-table';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';
import type { UserListRow } from '@/lib/users/list-users';
import { isExternal } from '@/lib/users/source';
import { RoleLabel, SourceBadge } from './labels';

/** A row as the server component hands it over (dates as ISO strings). */
export type UserRow = Omit<UserListRow, 'updatedAt'> & { updatedAt: string };

export function formatDateTime(iso: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The USR-1 columns: name, e-mail, extensions, modified on/by, licences, role. */
export function userColumns(t: TFunction, locale: string, accountId: string, selectable: boolean): ColumnDef<UserRow>[] {
  const columns: ColumnDef<UserRow>[] = [
    {
      id: 'name',
      header: t('users.columns.name'),
      cell: ({ row: { original: u } }) => (
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/accounts/${accountId}/users/${u.id}`} className="font-medium text-brand-700 hover:underline">
            {u.displayName}
          </Link>
          {isExternal(u.source) && <SourceBadge source={u.source} />}
          {u.inactive && <span className="rounded bg-slate-200 px-1.5 text-xs text-slate-700">{t('users.status.inactive')}</span>}
          {!u.registered && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-800">{t('users.status.unregistered')}</span>}
        </div>
      ),
    },
    { id: 'email', header: t('users.columns.email'), cell: ({ row }) => <span className="break-all">{row.original.email}</span> },
    {
      id: 'extensions',
      header: t('users.columns.extensions'),
      cell: ({ row }) => (row.original.extensions.length ? row.original.extensions.join(', ') : <Empty label={t('users.columns.noExtensions')} />),
    },
    {
      id: 'modified',
      header: t('users.columns.modified'),
      cell: ({ row: { original: u } }) => (
        <div className="flex flex-col">
          <time dateTime={u.updatedAt} suppressHydrationWarning>
            {formatDateTime(u.updatedAt, locale)}
          </time>
          {u.updatedBy && <span className="text-xs text-slate-500">{t('users.columns.modifiedBy', { name: u.updatedBy })}</span>}
        </div>
      ),
    },
    {
      id: 'licences',
      header: t('users.columns.licences'),
      cell: ({ row }) =>
        row.original.licences.length ? (
          <ul className="flex flex-wrap gap-1">
            {row.original.licences.map((l) => (
              <li key={l.product} className={`rounded px-1.5 text-xs ${l.product === 'mitelOne' && !l.level ? 'bg-amber-100 text-amber-800' : 'bg-brand-50 text-brand-900'}`}>
                {l.product === 'mitelOne'
                  ? l.level
                    ? `${t('users.products.mitelOne')} ${t(`users.products.levels.${l.level}`)}`
                    : t('users.columns.setupPending', { product: t('users.products.mitelOne') })
                  : t('users.products.miteam')}
              </li>
            ))}
          </ul>
        ) : (
          <Empty label={t('users.columns.noLicences')} />
        ),
    },
    { id: 'role', header: t('users.columns.role'), cell: ({ row }) => <RoleLabel roleKey={row.original.roleKey} roleName={row.original.roleName} /> },
  ];
  if (!selectable) return columns;
  return [selectionColumn<UserRow>({ all: t('users.list.selectPage'), row: (u) => t('users.list.selectUser', { name: u.displayName }) }), ...columns];
}

function Empty({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden className="text-slate-400">
        —
      </span>
      <span className="sr-only">{label}</span>
    </>
  );
}
