import { z } from 'zod';
import { DISPLAY_NAME_MAX, EMAIL_MAX, NAME_MAX, type RoleChoice } from '@/lib/users/schemas';
import { COLUMN_KEYS, type ColumnKey, type RawRow } from './columns';
import { MAX_CELL_LENGTH } from './limits';
import { parseRole } from './roles';

/** One problem of one cell: an i18n message key and its interpolation values. */
export type RowError = { key: string; params?: Record<string, string | number> };
export type RowErrors = Partial<Record<ColumnKey, RowError[]>>;

export type ImportValues = { firstName: string; lastName: string; name: string; email: string; role: RoleChoice };
export type CheckedRow = {
  values: ImportValues;
  errors: RowErrors;
  /** Lower-cased e-mail when it is well-formed, else null: the key of the uniqueness rules. */
  emailKey: string | null;
};

/** The same rule as the users forms (lib/users/schemas EmailField), so import and forms agree. */
const emailFormat = z.email();

/**
 * The rules of IMP-2 that look at one row only. Every cell is trimmed; a cell longer than
 * MAX_CELL_LENGTH only gets 'cellTooLong' (no other rule looks at it). Rules:
 * - at least one of FIRST NAME, LAST NAME, NAME (error on each name column that exists in the row);
 * - names within the users forms' limits (NAME_MAX, DISPLAY_NAME_MAX), so a row that passes the
 *   preview is also accepted when it is created (IMP-4); empty NAME → "first last";
 * - EMAIL present, ≤ EMAIL_MAX, valid;
 * - ROLE a label of User / Account Admin in any UI language; empty → user.
 * The rules across rows (e-mail not in use, not earlier in the file) need the whole file and the
 * users table, so the import keeps them in SQL over `emailKey` (lib/import/session/uniqueness.ts).
 * The e-mail is returned as typed (trimmed), like the users forms store it.
 */
export function checkRow(row: RawRow): CheckedRow {
  const errors: RowErrors = {};
  const add = (column: ColumnKey, error: RowError) => {
    (errors[column] ??= []).push(error);
  };
  const cell = {} as Record<ColumnKey, string>;
  const oversized = new Set<ColumnKey>();
  for (const key of COLUMN_KEYS) {
    const raw = row[key] ?? '';
    if (raw.length > MAX_CELL_LENGTH) {
      oversized.add(key);
      add(key, { key: 'import.errors.cellTooLong', params: { max: MAX_CELL_LENGTH } });
    }
    cell[key] = raw.trim();
  }
  const check = (key: ColumnKey) => !oversized.has(key);

  // Names.
  const nameColumns = (['firstName', 'lastName', 'name'] as const).filter((key) => key in row);
  if (nameColumns.every((key) => cell[key] === '')) {
    for (const key of nameColumns.length > 0 ? nameColumns : (['name'] as const)) add(key, { key: 'import.errors.nameRequired' });
  }
  for (const key of ['firstName', 'lastName'] as const) {
    if (check(key) && cell[key].length > NAME_MAX) add(key, { key: 'import.errors.tooLong', params: { max: NAME_MAX } });
  }
  const name = cell.name !== '' ? cell.name : [cell.firstName, cell.lastName].filter((part) => part !== '').join(' ');
  if (check('name') && name.length > DISPLAY_NAME_MAX) add('name', { key: 'import.errors.tooLong', params: { max: DISPLAY_NAME_MAX } });

  // E-mail.
  const email = cell.email;
  let emailKey: string | null = null;
  if (check('email')) {
    if (email === '') add('email', { key: 'import.errors.emailRequired' });
    else if (email.length > EMAIL_MAX) add('email', { key: 'import.errors.tooLong', params: { max: EMAIL_MAX } });
    else if (!emailFormat.safeParse(email).success) add('email', { key: 'import.errors.invalidEmail' });
    else emailKey = email.toLowerCase();
  }

  // Role.
  let role: RoleChoice = 'user';
  if (check('role')) {
    const parsed = parseRole(cell.role);
    if (parsed === null) add('role', { key: 'import.errors.invalidRole', params: { value: cell.role } });
    else role = parsed;
  }

  return { values: { firstName: cell.firstName, lastName: cell.lastName, name, email, role }, errors, emailKey };
}

/** True when the row has no error of its own (the uniqueness rules are checked in SQL). */
export function hasNoErrors(errors: RowErrors): boolean {
  return Object.values(errors).every((list) => list.length === 0);
}
