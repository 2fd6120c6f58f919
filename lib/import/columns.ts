import { aliasTable, normaliseLabel } from './normalise';

/**
 * The columns of the bulk import template (IMP-1): FIRST NAME, LAST NAME, NAME, EMAIL, ROLE, in
 * this order. A header row may use the labels of any UI language, mixed, in any order.
 */
export const COLUMN_KEYS = ['firstName', 'lastName', 'name', 'email', 'role'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** The headers the template is generated with (IMP-1), per UI language. */
export const TEMPLATE_HEADERS = {
  en: { firstName: 'FIRST NAME', lastName: 'LAST NAME', name: 'NAME', email: 'EMAIL', role: 'ROLE' },
  nl: { firstName: 'VOORNAAM', lastName: 'ACHTERNAAM', name: 'NAAM', email: 'E-MAIL', role: 'ROL' },
  fr: { firstName: 'PRÉNOM', lastName: 'NOM DE FAMILLE', name: 'NOM', email: 'E-MAIL', role: 'RÔLE' },
  it: { firstName: 'NOME', lastName: 'COGNOME', name: 'NOME VISUALIZZATO', email: 'E-MAIL', role: 'RUOLO' },
  de: { firstName: 'VORNAME', lastName: 'NACHNAME', name: 'NAME', email: 'E-MAIL', role: 'ROLLE' },
  es: { firstName: 'NOMBRE', lastName: 'APELLIDOS', name: 'NOMBRE PARA MOSTRAR', email: 'CORREO ELECTRÓNICO', role: 'ROL' },
} as const satisfies Record<string, Record<ColumnKey, string>>;
export type TemplateLanguage = keyof typeof TEMPLATE_HEADERS;

/**
 * Further spellings people (and older templates) use. Note the false friends: Italian NOME and
 * Spanish NOMBRE are the FIRST name, French NOM is the (display) name; the vendor's Dutch manual
 * calls the role column both ROL and FUNCTIE.
 */
const EXTRA_ALIASES: Record<ColumnKey, readonly string[]> = {
  firstName: ['first', 'firstname', 'given name', 'nombre de pila'],
  lastName: ['last', 'surname', 'family name', 'familienaam', 'nom de famille', 'apellido', 'familienname'],
  name: ['display name', 'full name', 'weergavenaam', 'volledige naam', 'nom complet', "nom d'affichage", 'anzeigename', 'nome completo', 'nombre completo'],
  email: [
    'email', 'e-mail', 'mail', 'email address', 'e-mail address', 'e-mailadres', 'emailadres', 'adres e-mail',
    'courriel', 'adresse e-mail', 'adresse email', 'e-mail-adresse', 'e-mail adresse', 'emailadresse',
    'indirizzo email', 'indirizzo e-mail', 'correo', 'correo electrónico', 'dirección de correo electrónico',
  ],
  role: ['role', 'functie', 'rolle', 'ruolo', 'rol', 'rôle', 'user role', 'gebruikersfunctie', 'gebruikersrol'],
};

const HEADER_ALIASES = aliasTable<ColumnKey>(
  Object.fromEntries(
    COLUMN_KEYS.map((key) => [
      key,
      [...Object.values(TEMPLATE_HEADERS).map((labels) => labels[key]), ...EXTRA_ALIASES[key]],
    ]),
  ) as Record<ColumnKey, string[]>,
);

/** Where each column is (0-based cell index). EMAIL is always there; the others are optional. */
export type ColumnMap = { email: number } & Partial<Record<ColumnKey, number>>;

export type HeaderResult =
  | { ok: true; columns: ColumnMap }
  | { ok: false; problem: 'unknownColumn'; detail: { header: string; index: number } }
  | { ok: false; problem: 'duplicateColumn'; detail: { column: ColumnKey; indexes: [number, number] } }
  | { ok: false; problem: 'missingEmail'; detail: { found: ColumnKey[] } }
  | { ok: false; problem: 'noNameColumn'; detail: { found: ColumnKey[] } };

/** The column a header cell names, or null. */
export function columnOf(header: string): ColumnKey | null {
  return HEADER_ALIASES.get(normaliseLabel(header)) ?? null;
}

/**
 * Maps the header row to column positions. Empty cells AFTER the last named column are ignored
 * (spreadsheet apps export them); an empty or unrecognised header before that is an unknownColumn,
 * since its data would otherwise be dropped silently. A missing ROLE column is fine (role "User").
 * Problems are reported in this order: unknownColumn, duplicateColumn, missingEmail, noNameColumn.
 */
export function mapHeaders(cells: readonly string[]): HeaderResult {
  let end = cells.length;
  while (end > 0 && normaliseLabel(cells[end - 1] ?? '') === '') end--;

  const columns: Partial<Record<ColumnKey, number>> = {};
  for (let index = 0; index < end; index++) {
    const header = cells[index] ?? '';
    const column = columnOf(header);
    if (column === null) return { ok: false, problem: 'unknownColumn', detail: { header: header.trim(), index } };
    const first = columns[column];
    if (first !== undefined) return { ok: false, problem: 'duplicateColumn', detail: { column, indexes: [first, index] } };
    columns[column] = index;
  }

  const found = COLUMN_KEYS.filter((key) => columns[key] !== undefined);
  const email = columns.email;
  if (email === undefined) return { ok: false, problem: 'missingEmail', detail: { found } };
  if (!found.some((key) => key === 'firstName' || key === 'lastName' || key === 'name')) {
    return { ok: false, problem: 'noNameColumn', detail: { found } };
  }
  return { ok: true, columns: { ...columns, email } };
}

/** A data row as validateRow takes it: the cell under each column (absent column → undefined). */
export type RawRow = Partial<Record<ColumnKey, string | null>>;

/** Picks a data row's cells by the mapped columns. */
export function rowFromCells(cells: readonly (string | null | undefined)[], columns: ColumnMap): RawRow {
  const row: RawRow = {};
  for (const key of COLUMN_KEYS) {
    const index = columns[key];
    if (index !== undefined) row[key] = cells[index] ?? null;
  }
  return row;
}
