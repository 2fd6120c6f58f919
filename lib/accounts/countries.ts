/**
 * ISO 3166-1 alpha-2 country codes (all 249 officially assigned codes). Names are never stored:
 * the UI shows them in the reader's language through Intl.DisplayNames, so this list only needs
 * updating when ISO assigns or withdraws a code.
 */
import { collator, displayNames } from '@/lib/i18n/intl-cache';
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
  'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

const CODES: ReadonlySet<string> = new Set(COUNTRY_CODES);

export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && CODES.has(value);
}

// The data region a new account is placed in (ACC-3 cloud location): the Americas in the US
// region, East/South-East/South Asia and Oceania in Asia-Pacific, everything else in Europe.
const AMERICAS = new Set(
  ('AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GS GT GY HN HT JM KN KY LC MF MQ MS ' +
    'MX NI PA PE PM PR PY SR SV SX TC TT UM US UY VC VE VG VI').split(' '),
);
const ASIA_PACIFIC = new Set(
  ('AF AQ AS AU BD BN BT CC CK CN CX FJ FM GU HK HM ID IN IO JP KH KI KP KR LA LK MH MM MN MO MP MV MY NC NF NP NR NU ' +
    'NZ PF PG PH PK PN PW SB SG TH TK TL TO TV TW VN VU WF WS').split(' '),
);

export type CloudLocation = 'us' | 'eu' | 'ap';

/** Chosen once, when the account is created: moving a customer's data between regions is not an edit. */
export function cloudLocationFor(country: string): CloudLocation {
  if (AMERICAS.has(country)) return 'us';
  if (ASIA_PACIFIC.has(country)) return 'ap';
  return 'eu';
}

/** Country options for a select, named and sorted in the reader's language. */
export function countryOptions(locale: string): { code: string; name: string }[] {
  const names = displayNames(locale, { type: 'region' });
  const order = collator(locale);
  return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => order.compare(a.name, b.name));
}

/** A country's name in the reader's language; the code itself when the runtime doesn't know it. */
export function countryName(code: string, locale: string): string {
  try {
    return displayNames(locale, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
