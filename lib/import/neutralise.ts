/**
 * First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
 * (OWASP "CSV Injection"): = + - @, and tab / carriage return, which some apps skip before
 * looking for a formula.
 */
const DANGEROUS_FIRST = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * A cell value for the import's error report (xlsx or CSV), made safe to open in a spreadsheet
 * app: a value starting with a dangerous character gets a leading apostrophe, so it is shown as
 * text and never evaluated.
 *
 * As OWASP recommends, EVERY leading "-" or "+" is neutralised, numbers like "-5" and a lone "-"
 * included: telling a harmless number from "-2+3+cmd|' /C calc'!A0" is exactly the parsing this
 * rule exists to avoid, and every column of the template is text anyway. CSV quoting (doubling
 * '"', wrapping in quotes) is the CSV writer's job, not this function's.
 *
 * xlsx gets the same rule although a string cell there is never evaluated (ExcelJS writes a
 * formula only from a `{ formula }` value, which the portal never passes): the file is one "Save
 * as CSV" or one copy-paste away from a sheet that would evaluate it, and one rule for every file
 * the portal writes (error report, template) is one rule to check. The price is a visible
 * apostrophe in such cells.
 */
export function neutraliseCell(value: string): string {
  const first = value.charAt(0);
  return DANGEROUS_FIRST.has(first) ? `'${value}` : value;
}
