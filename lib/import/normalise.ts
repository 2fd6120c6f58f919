/**
 * Comparison form of a header or role label: a leading BOM dropped, accents stripped (NFD, then
 * the combining marks removed), lower case, and every character that is not a letter or digit
 * removed. So "  Prénom ", "PRENOM", "\uFEFFprénom", "E-MAIL", "e mail" and "Email" compare equal
 * to their plain forms, and "Account-Admin" equals "account admin".
 */
export function normaliseLabel(value: string): string {
  return value
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** A table from every normalised alias to its value; a clash between two values is a bug. */
export function aliasTable<T extends string>(aliases: Record<T, readonly string[]>): ReadonlyMap<string, T> {
  const table = new Map<string, T>();
  for (const [value, labels] of Object.entries(aliases) as [T, readonly string[]][]) {
    for (const label of labels) {
      const key = normaliseLabel(label);
      const taken = table.get(key);
      if (taken !== undefined && taken !== value) throw new Error(`Import label "${label}" means both ${taken} and ${value}`);
      table.set(key, value);
    }
  }
  return table;
}
