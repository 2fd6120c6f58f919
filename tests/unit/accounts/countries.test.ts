import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, cloudLocationFor, countryName, countryOptions, isCountryCode } from '../../../lib/accounts/countries';

describe('countries (ACC-2 country list)', () => {
  it('holds the 249 ISO 3166-1 alpha-2 codes, once each and sorted', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
    expect(COUNTRY_CODES.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
  });

  it('accepts only listed codes', () => {
    expect(isCountryCode('NL')).toBe(true);
    for (const bad of ['nl', 'XX', 'UK', 'NLD', '', null, 31]) expect(isCountryCode(bad)).toBe(false);
  });

  it("names every code in the reader's language", () => {
    expect(countryName('NL', 'en')).toBe('Netherlands');
    expect(countryName('NL', 'nl')).toBe('Nederland');
    expect(countryName('DE', 'fr')).toBe('Allemagne');
    const names = countryOptions('en').map((o) => o.name);
    expect(names).toHaveLength(249);
    expect(names.every((n) => !/^[A-Z]{2}$/.test(n))).toBe(true);
    expect(names.indexOf('Belgium')).toBeLessThan(names.indexOf('Brazil'));
  });

  it('places an account in the data region of its country', () => {
    expect(['US', 'CA', 'BR', 'MX'].map(cloudLocationFor)).toEqual(['us', 'us', 'us', 'us']);
    expect(['AU', 'JP', 'SG', 'IN', 'NZ'].map(cloudLocationFor)).toEqual(['ap', 'ap', 'ap', 'ap', 'ap']);
    expect(['NL', 'GB', 'ZA', 'AE', 'TR'].map(cloudLocationFor)).toEqual(['eu', 'eu', 'eu', 'eu', 'eu']);
  });
});
