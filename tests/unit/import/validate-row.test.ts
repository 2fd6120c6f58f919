import { describe, expect, it } from 'vitest';
import type { RawRow } from '@/lib/import/columns';
import { MAX_CELL_LENGTH } from '@/lib/import/limits';
import { parseRole, ROLE_LABELS } from '@/lib/import/roles';
import { checkRow, hasNoErrors } from '@/lib/import/validate-row';
import { DISPLAY_NAME_MAX, EMAIL_MAX, NAME_MAX } from '@/lib/users/schemas';

const check = (row: RawRow) => checkRow(row);
const base = { firstName: 'Ann', lastName: 'Lee', name: '', email: 'ann@example.com', role: '' };

describe('checkRow: values', () => {
  it.each<[string, RawRow, object]>([
    ['derives the name from first + last', base, { firstName: 'Ann', lastName: 'Lee', name: 'Ann Lee', email: 'ann@example.com', role: 'user' }],
    ['trims every cell', { firstName: ' Ann ', lastName: '\tLee ', name: '  ', email: ' Ann@Example.com ', role: ' admin ' }, { firstName: 'Ann', lastName: 'Lee', name: 'Ann Lee', email: 'Ann@Example.com', role: 'admin' }],
    ['keeps NAME as the display name', { ...base, name: 'Dr. Ann Lee' }, { name: 'Dr. Ann Lee', firstName: 'Ann', lastName: 'Lee' }],
    ['only NAME: first/last stay empty', { name: 'Reception', email: 'desk@example.com' }, { firstName: '', lastName: '', name: 'Reception', role: 'user' }],
    ['only FIRST NAME', { firstName: 'Ann', email: 'ann@example.com' }, { firstName: 'Ann', lastName: '', name: 'Ann' }],
    ['only LAST NAME', { lastName: 'Lee', email: 'ann@example.com', role: null }, { firstName: '', lastName: 'Lee', name: 'Lee', role: 'user' }],
  ])('%s', (_case, row, values) => {
    const result = check(row);
    expect(result.errors).toEqual({});
    expect(hasNoErrors(result.errors)).toBe(true);
    expect(result.emailKey).toBe(result.values.email.toLowerCase());
    expect(result.values).toMatchObject(values);
  });
});

describe('checkRow: errors', () => {
  const tooLong = (max: number) => [{ key: 'import.errors.tooLong', params: { max } }];
  it.each<[string, RawRow, object]>([
    ['no name at all', { ...base, firstName: ' ', lastName: '' }, { firstName: [{ key: 'import.errors.nameRequired' }], lastName: [{ key: 'import.errors.nameRequired' }], name: [{ key: 'import.errors.nameRequired' }] }],
    ['no name column in the row', { email: 'a@example.com' }, { name: [{ key: 'import.errors.nameRequired' }] }],
    ['empty e-mail', { ...base, email: '  ' }, { email: [{ key: 'import.errors.emailRequired' }] }],
    ['missing e-mail cell', { name: 'Ann' }, { email: [{ key: 'import.errors.emailRequired' }] }],
    ...['ann', 'ann@', '@example.com', 'ann@@example.com', 'ann example@example.com', 'ann@example'].map(
      (email): [string, RawRow, object] => [`invalid e-mail ${email}`, { ...base, email }, { email: [{ key: 'import.errors.invalidEmail' }] }],
    ),
    ['unknown role', { ...base, role: 'Superuser' }, { role: [{ key: 'import.errors.invalidRole', params: { value: 'Superuser' } }] }],
    ['first name too long', { ...base, firstName: 'a'.repeat(NAME_MAX + 1) }, { firstName: tooLong(NAME_MAX) }],
    ['last name too long', { ...base, lastName: 'a'.repeat(NAME_MAX + 1) }, { lastName: tooLong(NAME_MAX) }],
    ['name too long', { ...base, name: 'a'.repeat(DISPLAY_NAME_MAX + 1) }, { name: tooLong(DISPLAY_NAME_MAX) }],
    ['derived name too long', { ...base, firstName: 'a'.repeat(NAME_MAX), lastName: 'b'.repeat(NAME_MAX) }, { name: tooLong(DISPLAY_NAME_MAX) }],
    ['e-mail too long', { ...base, email: `${'a'.repeat(64)}@${'b'.repeat(EMAIL_MAX - 68)}.com` }, { email: tooLong(EMAIL_MAX) }],
    ['cell too long (only that error)', { ...base, email: `${'a'.repeat(MAX_CELL_LENGTH)}@x.com` }, { email: [{ key: 'import.errors.cellTooLong', params: { max: MAX_CELL_LENGTH } }] }],
    ['oversized name cell still counts as given', { name: 'n'.repeat(MAX_CELL_LENGTH + 1), email: 'a@example.com' }, { name: [{ key: 'import.errors.cellTooLong', params: { max: MAX_CELL_LENGTH } }] }],
  ])('%s', (_case, row, errors) => {
    const result = check(row);
    expect(result.errors).toEqual(errors);
    expect(hasNoErrors(result.errors)).toBe(false);
  });

  it('limits are exact: at the limit is fine', () => {
    const row = { firstName: 'a'.repeat(NAME_MAX), lastName: 'b', name: 'c'.repeat(DISPLAY_NAME_MAX), email: `${'a'.repeat(64)}@${'b'.repeat(EMAIL_MAX - 69)}.com` };
    expect(row.email).toHaveLength(EMAIL_MAX);
    expect(check(row).errors).toEqual({});
  });

  it('an unknown role falls back to user in the values', () => {
    expect(check({ ...base, role: 'boss' }).values.role).toBe('user');
  });
});

describe('checkRow: the uniqueness key', () => {
  it('is the lower-cased, trimmed e-mail when it is well-formed, else null', () => {
    expect(check({ ...base, email: ' Ann@EXAMPLE.com ' }).emailKey).toBe('ann@example.com');
    expect(check({ ...base, email: 'ann@' }).emailKey).toBeNull();
    expect(check({ ...base, email: '' }).emailKey).toBeNull();
    expect(check({ ...base, email: `${'a'.repeat(MAX_CELL_LENGTH)}@x.com` }).emailKey).toBeNull();
  });
});

describe('roles', () => {
  it.each(Object.entries(ROLE_LABELS))('%s labels', (_lang, labels) => {
    expect(parseRole(labels.user)).toBe('user');
    expect(parseRole(labels.admin)).toBe('admin');
    expect(parseRole(labels.admin.toUpperCase())).toBe('admin');
    expect(check({ ...base, role: ` ${labels.admin.toLowerCase()} ` }).values.role).toBe('admin');
  });

  it.each([
    ['', 'user'], ['  ', 'user'], ['user', 'user'], ['USER', 'user'], ['utilisatrice', 'user'],
    ['admin', 'admin'], ['Admin', 'admin'], ['account admin', 'admin'], ['Account-Admin', 'admin'], ['accountadmin', 'admin'],
    ['administrateur de compte', 'admin'], ['ADMINISTRATEUR DE COMPTE', 'admin'], ['Administrador de Cuenta', 'admin'],
    ["Amministratore dell'account", 'admin'], ['Kontoadministrator', 'admin'], ['Accountbeheerder', 'admin'],
    ['Superuser', null], ['owner', null], ['partner', null],
  ])('%j → %s', (value, role) => {
    expect(parseRole(value)).toBe(role);
  });

  it('accent-insensitive', () => {
    expect(parseRole('Utilisätèur')).toBe('user');
  });
});
