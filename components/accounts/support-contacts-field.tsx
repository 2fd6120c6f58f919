'use client';

import { useEffect, useId, useState } from 'react';
import { searchPartnerUsersAction } from '@/app/(portal)/accounts/actions';
import { useT } from '@/components/i18n-provider';
import { useCombobox } from '@/components/ui/use-combobox';
import { Button } from '@/components/ui/button';
import { SupportContactEmail, sameEmail } from '@/lib/accounts/schemas';

interface Option {
  email: string;
  name: string | null;
}

interface Props {
  /** The chosen contacts' e-mail addresses. */
  value: string[];
  onChange: (next: string[]) => void;
  /** Names of contacts that are partner users, by lower-cased e-mail. */
  initialNames?: Record<string, string>;
  /** Partners search their organisation's partner users; account admins type addresses (seed 2.9). */
  canSearchPartners: boolean;
  /** i18n keys of errors of the whole list (from the form or the server). */
  errors?: string[];
}

/**
 * SUP-1: chosen contacts with an X each, and a combobox that finds partner users by name or
 * e-mail or takes a typed address (Enter or Add); an invalid address is refused on the spot.
 */
export function SupportContactsField({ value, onChange, initialNames = {}, canSearchPartners, errors = [] }: Props) {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  // Search results with the term they answer, so an earlier term's results are never offered.
  const [result, setResult] = useState<{ term: string; matches: Option[] } | null>(null);
  const [names, setNames] = useState<Record<string, string>>(initialNames);
  const [inputError, setInputError] = useState<string | null>(null);
  const trimmed = query.trim();
  const matches = result?.term === trimmed ? result.matches : [];
  const listId = `${id}-list`;

  const chosen = (email: string) => value.some((e) => sameEmail(e, email));
  const options: Option[] = trimmed.length < 2 ? [] : matches.filter((m) => !chosen(m.email));
  if (trimmed.includes('@') && !chosen(trimmed) && !options.some((o) => sameEmail(o.email, trimmed))) options.push({ email: trimmed, name: null });

  const add = (option: Option) => {
    const parsed = SupportContactEmail.safeParse(option.email);
    if (!parsed.success) {
      setInputError('errors.accounts.invalidContactEmail');
      return;
    }
    if (!chosen(parsed.data)) onChange([...value, parsed.data]);
    if (option.name) setNames((n) => ({ ...n, [parsed.data.toLowerCase()]: option.name! }));
    setQuery('');
    setResult(null);
    setInputError(null);
  };
  const addTyped = () => {
    if (trimmed) add({ email: trimmed, name: null });
  };
  const combo = useCombobox({ listId, options, hasList: options.length > 0, onPick: add, onEnter: addTyped });
  const { open, expanded, resetActive } = combo;

  useEffect(() => {
    if (!canSearchPartners || !open || trimmed.length < 2) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const res = await searchPartnerUsersAction(trimmed);
      if (!cancelled && res.ok) {
        setResult({ term: trimmed, matches: res.data.map((m) => ({ email: m.email, name: m.displayName })) });
        resetActive();
      }
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [trimmed, open, canSearchPartners, resetActive]);

  const labelId = `${id}-label`;
  const inputId = `${id}-input`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const shown = [...new Set([...(inputError ? [inputError] : []), ...errors])];
  const labelOf = (email: string) => {
    const name = names[email.toLowerCase()];
    return name ? `${name} (${email})` : email;
  };

  return (
    <div role="group" aria-labelledby={labelId} className="flex flex-col gap-2">
      <span id={labelId} className="text-sm font-medium text-slate-700">
        {t('accounts.contacts.title')}
      </span>
      {value.length === 0 ? (
        <p className="text-sm text-slate-500">{t('accounts.contacts.none')}</p>
      ) : (
        <ul aria-labelledby={labelId} className="flex flex-wrap gap-2">
          {value.map((email) => (
            <li key={email.toLowerCase()} className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-3 pr-1 text-sm">
              <span>{labelOf(email)}</span>
              <button
                type="button"
                aria-label={t('accounts.contacts.remove', { contact: labelOf(email) })}
                onClick={() => onChange(value.filter((e) => !sameEmail(e, email)))}
                className="rounded-full px-1.5 text-slate-600 hover:bg-slate-200 hover:text-slate-900"
              >
                <span aria-hidden>×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={inputId} className="text-sm text-slate-700">
        {t('accounts.contacts.search')}
      </label>
      <div className="relative flex gap-2">
        <input
          id={inputId}
          {...combo.inputProps}
          aria-invalid={shown.length > 0 || undefined}
          aria-describedby={`${hintId}${shown.length ? ` ${errorId}` : ''}`}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setInputError(null);
            combo.openList();
          }}
          className={`w-full max-w-md rounded border px-3 py-2 text-sm ${shown.length ? 'border-red-500' : 'border-slate-300'}`}
        />
        <Button variant="secondary" onClick={addTyped} disabled={!trimmed}>
          {t('accounts.contacts.add')}
        </Button>
        {expanded && (
          <ul id={listId} role="listbox" aria-label={t('accounts.contacts.search')} className="absolute left-0 top-full z-20 mt-1 w-full max-w-md rounded border border-slate-200 bg-white py-1 shadow-lg">
            {options.map((o, i) => (
              <li
                key={o.email.toLowerCase()}
                {...combo.optionProps(i)}
                className={`cursor-pointer px-3 py-1.5 text-sm ${i === combo.active ? 'bg-brand-50' : ''}`}
              >
                {o.name ? `${o.name} (${o.email})` : t('accounts.contacts.addEmail', { email: o.email })}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p id={hintId} className="text-xs text-slate-500">
        {t(canSearchPartners ? 'accounts.contacts.hintPartner' : 'accounts.contacts.hintAdmin')}
      </p>
      {shown.length > 0 && (
        <p id={errorId} className="text-xs text-red-700">
          {shown.map((key) => t(key)).join(' ')}
        </p>
      )}
    </div>
  );
}
