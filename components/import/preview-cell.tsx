'use client';

import { useId, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { parseRole } from '@/lib/import/roles';
import type { RoleChoice } from '@/lib/users/schemas';
import type { RoleLabels, RowErrors } from './types';

type Problems = NonNullable<RowErrors[keyof RowErrors]>;

interface CellProps {
  /** Accessible name: the template header and the row number ("EMAIL, row 3"). */
  label: string;
  /** The value as last stored (or being stored). */
  value: string;
  problems: Problems | undefined;
  /** Stores a new value; resolves false when the server refused it. */
  onSave: (value: string) => Promise<boolean>;
  autoFocus?: boolean;
}

/** The cell's problems under it, tied to the control by id. */
function CellProblems({ id, problems }: { id: string; problems: Problems | undefined }) {
  const t = useT();
  if (!problems?.length) return null;
  return (
    <ul id={id} className="mt-1 flex flex-col gap-0.5 text-xs text-red-700">
      {problems.map((p, i) => (
        <li key={`${p.key}-${i}`}>{t(p.key, p.params ?? {})}</li>
      ))}
    </ul>
  );
}

const inputClass = (invalid: boolean) =>
  `w-full min-w-32 rounded border px-2 py-1 text-sm ${invalid ? 'border-red-500 bg-red-50' : 'border-slate-300 bg-white'} focus:border-brand-600`;

/**
 * IMP-3: an inline-editable text cell, saved on blur or Enter when it changed; Escape restores the
 * stored value. The typed text is the user's: a reload that brings a new stored value replaces it
 * only when the user has not typed since, so a refresh while typing loses nothing.
 */
export function PreviewTextCell({ label, value, problems, onSave, autoFocus }: CellProps) {
  const problemsId = useId();
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [unsaved, setUnsaved] = useState(false);
  if (value !== seen) {
    setSeen(value);
    if (draft === seen) setDraft(value);
  }

  const save = async () => {
    if (draft === value && !unsaved) return;
    setUnsaved(!(await onSave(draft)));
  };

  const invalid = Boolean(problems?.length);
  return (
    <div>
      <input
        type="text"
        value={draft}
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? problemsId : undefined}
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void save()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape' && draft !== value) {
            e.preventDefault();
            setDraft(value);
          }
        }}
        className={inputClass(invalid)}
      />
      <CellProblems id={problemsId} problems={problems} />
    </div>
  );
}

const CURRENT = '__current__';

/**
 * IMP-3: the ROLE cell as a choice of the two roles, saved on change as the label in the UI
 * language. A label in another language selects its role; a value that names no role (from the
 * file) stays visible as an extra, selected option until the user picks a role.
 */
export function PreviewRoleCell({ label, value, problems, onSave, roleLabels }: CellProps & { roleLabels: RoleLabels }) {
  const problemsId = useId();
  const choice = parseRole(value);
  const invalid = Boolean(problems?.length);
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return (
    <div>
      <select
        value={choice ?? CURRENT}
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? problemsId : undefined}
        onChange={(e) => {
          const picked = e.target.value as RoleChoice | typeof CURRENT;
          if (picked !== CURRENT) void onSave(roleLabels[picked]);
        }}
        className={inputClass(invalid)}
      >
        {choice === null && <option value={CURRENT}>{shown}</option>}
        <option value="user">{roleLabels.user}</option>
        <option value="admin">{roleLabels.admin}</option>
      </select>
      <CellProblems id={problemsId} problems={problems} />
    </div>
  );
}
