import { describe, expect, it } from 'vitest';
import { countryName, countryOptions } from '@/lib/accounts/countries';
import { collator, dateTimeFormat, displayNames } from '@/lib/i18n/intl-cache';

describe('intl-cache: one formatter per locale and options', () => {
  it('hands out the same formatter for the same locale and options, another for other ones', () => {
    const a = dateTimeFormat('nl', { dateStyle: 'medium', timeStyle: 'short' });
    expect(dateTimeFormat('nl', { dateStyle: 'medium', timeStyle: 'short' })).toBe(a);
    expect(dateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' })).not.toBe(a);
    expect(dateTimeFormat('nl', { dateStyle: 'long' })).not.toBe(a);
    expect(displayNames('fr', { type: 'region' })).toBe(displayNames('fr', { type: 'region' }));
    expect(collator('es')).toBe(collator('es'));
  });

  it('formats as a fresh formatter would', () => {
    const when = new Date('2026-03-04T05:06:00Z');
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' };
    expect(dateTimeFormat('de', options).format(when)).toBe(new Intl.DateTimeFormat('de', options).format(when));
    expect(countryName('BE', 'nl')).toBe('België');
    expect(countryName('BE', 'fr')).toBe('Belgique');
    expect(countryOptions('de').slice(0, 2).map((c) => c.name)).toEqual(['Afghanistan', 'Ägypten']);
  });
});
