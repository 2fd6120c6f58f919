import type { IsoWeekday, OpeningHours } from '@/lib/voice-assist/recipes';
import { dateTimeFormat, listFormat } from '@/lib/i18n/intl-cache';

// 1 January 2024 was a Monday, so day n of that week is ISO weekday n.
const weekdayName = (day: IsoWeekday, locale: string) => dateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day)));

/** "Monday–Friday" for a run of consecutive days, otherwise the days listed. */
export function formatDays(hours: OpeningHours, locale: string): string {
  const { days } = hours;
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return '';
  const consecutive = days.every((d, i) => d === first + i);
  if (consecutive && days.length > 2) return `${weekdayName(first, locale)}–${weekdayName(last, locale)}`;
  return listFormat(locale, { type: 'conjunction' }).format(days.map((d) => weekdayName(d, locale)));
}

/** A date as the portal shows dates elsewhere (accounts list): medium, in UTC. */
export function formatDate(date: Date, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** The wall-clock time in a time zone, e.g. "Monday 14:05 CET". */
export function formatLocalTime(date: Date, timeZone: string, locale: string): string {
  return dateTimeFormat(locale, { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(date);
}
