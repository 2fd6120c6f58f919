/**
 * Intl formatters are costly to build (each loads locale data) and cheap to use: a list page
 * that built one per cell spent more time building formatters than rendering. These keep one per
 * locale and options, for the server and the browser alike.
 */
const cache = new Map<string, unknown>();

function memo<T>(kind: string, locale: string, options: object, build: () => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}

export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat =>
  memo('dt', locale, options, () => new Intl.DateTimeFormat(locale, options));

export const displayNames = (locale: string, options: Intl.DisplayNamesOptions): Intl.DisplayNames =>
  memo('dn', locale, options, () => new Intl.DisplayNames([locale], options));

export const collator = (locale: string, options: Intl.CollatorOptions = {}): Intl.Collator =>
  memo('co', locale, options, () => new Intl.Collator(locale, options));

export const listFormat = (locale: string, options: Intl.ListFormatOptions = {}): Intl.ListFormat =>
  memo('lf', locale, options, () => new Intl.ListFormat(locale, options));
