'use client';

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';
import type { ScimUserView } from '@/lib/provisioning/read-scim-user';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const TYPES = ['work', 'home', 'mobile', 'other'] as const;

/** "value (work, primary)" for a SCIM multi-valued attribute's entry. */
function entry(t: TFunction, value: string, item: Json): string {
  const type = text(item.type);
  const tags = [type && (TYPES as readonly string[]).includes(type) ? t(`users.scimAdvanced.types.${type}`) : type, item.primary === true ? t('users.scimAdvanced.primary') : null].filter(Boolean);
  return tags.length ? `${value} (${tags.join(', ')})` : value;
}

function address(item: Json): string | null {
  return text(item.formatted) ?? ([item.streetAddress, [item.postalCode, item.locality].map(text).filter(Boolean).join(' '), item.region, item.country].map(text).filter(Boolean).join(', ') || null);
}

/** A list attribute's entries as text, or null when it is not the shape SCIM gives it. */
function listOf(value: unknown, show: (item: Json) => string | null): string[] | null {
  if (!Array.isArray(value) || !value.every(isObject)) return null;
  const shown = value.map(show);
  return shown.every((s): s is string => s !== null) ? shown : null;
}

/**
 * The attributes a SCIM client sent beyond the portal's own fields, under the names the server keeps
 * them (`otherEmails`, …) or SCIM's own; anything else is shown as JSON, as received.
 */
function describe(t: TFunction, key: string, value: unknown): { label: string; items: string[] } | null {
  switch (key) {
    case 'otherEmails':
    case 'emails': {
      const items = listOf(value, (i) => (text(i.value) ? entry(t, i.value as string, i) : null));
      return items && { label: t(key === 'emails' ? 'users.scimAdvanced.emails' : 'users.scimAdvanced.otherEmails'), items };
    }
    case 'otherPhoneNumbers':
    case 'phoneNumbers': {
      const items = listOf(value, (i) => (text(i.value) ? entry(t, i.value as string, i) : null));
      return items && { label: t(key === 'phoneNumbers' ? 'users.scimAdvanced.phoneNumbers' : 'users.scimAdvanced.otherPhoneNumbers'), items };
    }
    case 'roles': {
      const items = listOf(value, (i) => text(i.display) ?? text(i.value));
      return items && { label: t('users.scimAdvanced.roles'), items };
    }
    case 'addresses': {
      const items = listOf(value, address);
      return items && { label: t('users.scimAdvanced.addresses'), items };
    }
    case 'externalId':
      return text(value) ? { label: t('users.scimAdvanced.externalId'), items: [value as string] } : null;
    case 'nameFormatted':
      return text(value) ? { label: t('users.scimAdvanced.formattedName'), items: [value as string] } : null;
    case 'name': {
      if (!isObject(value)) return null;
      const formatted = text(value.formatted) ?? ([value.givenName, value.familyName].map(text).filter(Boolean).join(' ') || null);
      return formatted ? { label: t('users.scimAdvanced.formattedName'), items: [formatted] } : null;
    }
    case 'enterprise': {
      if (!isObject(value)) return null;
      const known = { employeeNumber: t('users.scimAdvanced.employeeNumber'), department: t('users.scimAdvanced.department') } as Record<string, string>;
      if (!Object.entries(value).every(([k, v]) => k in known && text(v))) return null;
      return { label: t('users.scimAdvanced.enterprise'), items: Object.entries(value).map(([k, v]) => `${known[k]}: ${v as string}`) };
    }
    default:
      return null;
  }
}

/**
 * USR-4 "Advanced" of a user synced by SCIM: its SCIM userName, the attributes kept beside the
 * portal's fields, and when the source last changed it. Read-only: the source owns these.
 */
export function ScimAdvanced({ scim }: { scim: ScimUserView }) {
  const { t, i18n } = useTranslation();
  const rows: { key: string; label: string; value: ReactNode }[] = [
    { key: 'userName', label: t('users.scimAdvanced.userName'), value: <span className="break-all">{scim.userName}</span> },
  ];
  for (const [key, value] of Object.entries(scim.data ?? {})) {
    if (value === null || value === undefined) continue;
    const known = describe(t, key, value);
    rows.push(
      known
        ? {
            key,
            label: known.label,
            value:
              known.items.length === 1 ? (
                <span className="break-words">{known.items[0]}</span>
              ) : (
                <ul className="flex flex-col gap-0.5">
                  {known.items.map((item, i) => (
                    <li key={i} className="break-words">
                      {item}
                    </li>
                  ))}
                </ul>
              ),
          }
        : { key, label: key, value: <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs">{JSON.stringify(value, null, 2)}</pre> },
    );
  }
  const synced = dateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(scim.updatedAt));

  return (
    <details className="max-w-lg rounded-lg border border-slate-200 bg-white shadow-sm">
      <summary className="cursor-pointer select-none px-5 py-3 text-base font-semibold">{t('users.scimAdvanced.title')}</summary>
      <div className="flex flex-col gap-3 border-t border-slate-100 px-5 py-4">
        <p className="text-sm text-slate-600">{t('users.scimAdvanced.intro')}</p>
        <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-2 text-sm">
          {rows.map((r) => (
            <div key={r.key} className="contents">
              <dt className="break-words text-slate-500">{r.label}</dt>
              <dd className="min-w-0">{r.value}</dd>
            </div>
          ))}
        </dl>
        {rows.length === 1 && <p className="text-sm text-slate-600">{t('users.scimAdvanced.noData')}</p>}
        <p className="text-xs text-slate-500" suppressHydrationWarning>
          {t('users.scimAdvanced.lastSynced', { date: synced })}
        </p>
      </div>
    </details>
  );
}
