import type { RoleChoice } from '@/lib/users/schemas';
import { aliasTable, normaliseLabel } from './normalise';

/** The ROLE labels the template's drop-down offers (IMP-1), per UI language. */
export const ROLE_LABELS = {
  en: { user: 'User', admin: 'Account Admin' },
  nl: { user: 'Gebruiker', admin: 'Accountbeheerder' },
  fr: { user: 'Utilisateur', admin: 'Administrateur de compte' },
  it: { user: 'Utente', admin: 'Amministratore account' },
  de: { user: 'Benutzer', admin: 'Kontoadministrator' },
  es: { user: 'Usuario', admin: 'Administrador de cuenta' },
} as const satisfies Record<string, Record<RoleChoice, string>>;

/** Forgiving spellings; compared like headers (case, accents, spaces and punctuation ignored). */
const EXTRA_ROLE_ALIASES: Record<RoleChoice, readonly string[]> = {
  user: ['user', 'standard user', 'gebruiker', 'utilisatrice', 'benutzerin', 'nutzer', 'usuaria'],
  admin: [
    'admin', 'account admin', 'account administrator', 'administrator', 'administrador', 'administrateur',
    'amministratore', "amministratore dell'account", 'beheerder', 'account beheerder', 'accountadmin',
    'admin de compte', 'konto admin', 'kontoadmin', 'admin de cuenta', 'admin account',
  ],
};

const ROLE_ALIASES = aliasTable<RoleChoice>({
  user: [...Object.values(ROLE_LABELS).map((labels) => labels.user), ...EXTRA_ROLE_ALIASES.user],
  admin: [...Object.values(ROLE_LABELS).map((labels) => labels.admin), ...EXTRA_ROLE_ALIASES.admin],
});

/** The role a ROLE cell names: empty → 'user' (vendor default), unrecognised → null. */
export function parseRole(value: string): RoleChoice | null {
  const key = normaliseLabel(value);
  if (key === '') return 'user';
  return ROLE_ALIASES.get(key) ?? null;
}
