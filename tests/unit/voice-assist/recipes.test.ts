import { describe, expect, it } from 'vitest';
import { VOICE_ASSIST_RECIPES } from '../../../lib/integrations/settings';
import { isOpenAt, RECIPES, wallClock } from '../../../lib/voice-assist/recipes';
import { voiceAssistHref, voiceAssistSection } from '../../../lib/voice-assist/sections';

describe('Voice Assist recipes (MVA-1)', () => {
  it('describes every recipe of the settings, with ordered steps that start with the call arriving', () => {
    expect(Object.keys(RECIPES).sort()).toEqual([...VOICE_ASSIST_RECIPES].sort());
    for (const id of VOICE_ASSIST_RECIPES) {
      const r = RECIPES[id];
      expect(r.id).toBe(id);
      expect(r.steps[0]?.id).toBe('arrive');
      expect(new Set(r.steps.map((s) => s.id)).size).toBe(r.steps.length);
      // Open/closed branches only make sense for a recipe with opening hours.
      if (!r.hours) expect(r.steps.every((s) => s.when === undefined)).toBe(true);
    }
  });

  it('gives business hours both branches: greeting and menu when open, closed message and voicemail when closed', () => {
    const steps = RECIPES.businessHours.steps;
    expect(steps.filter((s) => s.when === 'open').map((s) => s.id)).toEqual(['greeting', 'menu']);
    expect(steps.filter((s) => s.when === 'closed').map((s) => s.id)).toEqual(['closedMessage', 'voicemail']);
    expect(RECIPES.businessHours.hours).toEqual({ days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' });
  });
});

describe('isOpenAt', () => {
  // [instant (UTC), time zone, open?, why]
  const table: [string, string, boolean, string][] = [
    ['2025-01-06T07:00:00Z', 'Europe/Amsterdam', true, 'Monday 08:00 CET, the first open minute'],
    ['2025-01-06T06:59:00Z', 'Europe/Amsterdam', false, 'Monday 07:59 CET'],
    ['2025-01-06T16:59:00Z', 'Europe/Amsterdam', true, 'Monday 17:59 CET'],
    ['2025-01-06T17:00:00Z', 'Europe/Amsterdam', false, 'Monday 18:00 CET, closing is exclusive'],
    ['2025-01-04T12:00:00Z', 'Europe/Amsterdam', false, 'Saturday noon'],
    ['2025-01-05T12:00:00Z', 'Europe/Amsterdam', false, 'Sunday noon'],
    // Spring forward in Europe on Sunday 30 March 2025: the same UTC time is an hour later locally.
    ['2025-03-28T06:30:00Z', 'Europe/Amsterdam', false, 'Friday before DST, 07:30 CET'],
    ['2025-03-31T06:30:00Z', 'Europe/Amsterdam', true, 'Monday after DST, 08:30 CEST'],
    ['2025-03-31T16:30:00Z', 'Europe/Amsterdam', false, 'Monday after DST, 18:30 CEST'],
    // Fall back in the US on Sunday 2 November 2025.
    ['2025-10-31T12:00:00Z', 'America/New_York', true, 'Friday before, 08:00 EDT'],
    ['2025-11-03T12:59:00Z', 'America/New_York', false, 'Monday after, 07:59 EST'],
    ['2025-11-03T13:00:00Z', 'America/New_York', true, 'Monday after, 08:00 EST'],
    ['2025-11-03T22:59:00Z', 'America/New_York', true, 'Monday after, 17:59 EST'],
    // The weekday is the local one: Sunday evening in UTC is Monday morning in Auckland (NZDT).
    ['2025-01-05T20:00:00Z', 'Pacific/Auckland', true, 'Monday 09:00 NZDT'],
    ['2025-01-10T06:00:00Z', 'Pacific/Auckland', false, 'Friday 19:00 NZDT'],
    ['2025-01-06T07:00:00Z', 'America/Los_Angeles', false, 'Sunday 23:00 PST, though Monday in UTC'],
    // Half-hour offsets.
    ['2025-01-06T02:30:00Z', 'Asia/Kolkata', true, 'Monday 08:00 IST'],
    ['2025-01-06T02:29:00Z', 'Asia/Kolkata', false, 'Monday 07:59 IST'],
    ['2025-01-06T08:00:00Z', 'UTC', true, 'Monday 08:00 UTC'],
  ];

  it.each(table)('%s in %s is open: %s (%s)', (instant, timeZone, open) => {
    expect(isOpenAt('businessHours', new Date(instant), timeZone)).toBe(open);
  });

  it('treats the recipes without opening hours as always open', () => {
    for (const [instant, timeZone] of table) {
      expect(isOpenAt('autoAttendant', new Date(instant), timeZone)).toBe(true);
      expect(isOpenAt('speechDirectory', new Date(instant), timeZone)).toBe(true);
    }
  });

  it('reads midnight as 00:00 and rejects unknown time zones', () => {
    expect(wallClock(new Date('2025-01-06T23:00:00Z'), 'Europe/Amsterdam')).toEqual({ weekday: 2, minutes: 0 });
    expect(() => isOpenAt('businessHours', new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('Voice Assist sections', () => {
  it('maps the optional catch-all to a section, and anything else to no page', () => {
    expect(voiceAssistSection(undefined)).toBe('about');
    expect(voiceAssistSection([])).toBe('about');
    expect(voiceAssistSection(['routing'])).toBe('routing');
    expect(voiceAssistSection(['numbers'])).toBe('numbers');
    expect(voiceAssistSection(['help'])).toBe('help');
    expect(voiceAssistSection(['about'])).toBeNull();
    expect(voiceAssistSection(['routing', 'x'])).toBeNull();
    expect(voiceAssistSection(['constructor'])).toBeNull();
    expect(voiceAssistHref('a', 'about')).toBe('/accounts/a/voice-assist');
    expect(voiceAssistHref('a', 'help')).toBe('/accounts/a/voice-assist/help');
  });
});
