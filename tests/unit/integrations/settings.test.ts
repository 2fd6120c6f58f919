import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@/lib/integrations/catalogue';
import { defaultSettings, isTimeZone, readSettings, SETTINGS_PATCHES, timeZones } from '@/lib/integrations/settings';
import { upgradeSteps } from '@/lib/integrations/upgrades';

describe('integration settings (SUP-5, M1-1, MTM-3, MVA-1, MICOLLAB-1)', () => {
  it('gives each version of Mitel One the features it has: Telephony from version 2', () => {
    expect(defaultSettings('mitelOne', 1)).toEqual({ allowAvatarChange: true, features: { chat: true, miteamMeetings: true } });
    expect(defaultSettings('mitelOne', 2)).toEqual({ allowAvatarChange: true, features: { chat: true, miteamMeetings: true, telephony: true } });
  });

  it('reads stored settings over the defaults, keeping what the admin chose', () => {
    expect(readSettings('chat', 1, {})).toEqual({ allowMessageEditing: true });
    expect(readSettings('mitelOne', 2, { features: { telephony: false } })).toEqual({ allowAvatarChange: true, features: { chat: true, miteamMeetings: true, telephony: false } });
  });

  it.each([
    ['+31302001000', true],
    ['0302001000', true],
    ['12', true],
    ['1', false],
    ['+31 30 200', false],
    ['++31', false],
    ['31a', false],
    ['+123456789012345678901', false],
  ])('a pilot number %s is valid: %s', (pilotNumber, valid) => {
    expect(SETTINGS_PATCHES.voiceAssist.safeParse({ pilotNumber, timeZone: 'Europe/Amsterdam', recipe: 'autoAttendant' }).success).toBe(valid);
  });

  it('offers the IANA time zones and refuses others', () => {
    expect(timeZones()).toEqual(expect.arrayContaining(['Europe/Amsterdam', 'America/New_York', 'UTC']));
    for (const tz of ['Asia/Kolkata', 'Asia/Calcutta', 'America/Argentina/Buenos_Aires', 'Etc/GMT+1', 'UTC']) expect(isTimeZone(tz)).toBe(true);
    for (const tz of ['Europe/Atlantis', 'Europe/', '../etc', 'Europe/Amsterdam; drop']) expect(isTimeZone(tz)).toBe(false);
    expect(SETTINGS_PATCHES.voiceAssist.safeParse({ pilotNumber: '200', timeZone: 'Europe/Atlantis', recipe: 'autoAttendant' }).success).toBe(false);
  });

  it.each([
    ['micollab.example.com', true],
    ['micollab.example.com:8443', true],
    ['10.0.0.12', true],
    ['[2001:db8::12]:443', true],
    ['-bad.example.com', false],
    ['has space.example', false],
    ['https://micollab.example.com', false],
  ])('a MiCollab address %s is valid: %s', (address, valid) => {
    expect(SETTINGS_PATCHES.micollab.safeParse({ address }).success).toBe(valid);
  });

  it('needs the confirmation for the waiting room', () => {
    expect(SETTINGS_PATCHES.miteamMeetings.safeParse({ optionalWaitingRoom: true }).success).toBe(false);
    expect(SETTINGS_PATCHES.miteamMeetings.safeParse({ optionalWaitingRoom: true, confirmed: true }).success).toBe(true);
  });
});

describe('integration upgrades (INT-4)', () => {
  it('walks from the installed version to the shipped one, one step per version', () => {
    expect(upgradeSteps('mitelOne', 1).map((s) => [s.from, s.to])).toEqual([[1, 2]]);
    expect(upgradeSteps('mitelOne', 2)).toEqual([]);
    expect(upgradeSteps('chat', 0).map((s) => [s.from, s.to])).toEqual([[0, 1]]);
  });

  it('Mitel One 1 → 2 adds Telephony, on, and keeps the other features as they were', () => {
    const [step] = upgradeSteps('mitelOne', 1);
    expect(step!.apply({ allowAvatarChange: false, features: { chat: false, miteamMeetings: true } })).toEqual({
      allowAvatarChange: false,
      features: { chat: false, miteamMeetings: true, telephony: true },
    });
  });

  it('an update of every catalogue integration ends at the shipped version', () => {
    for (const d of CATALOGUE) {
      const steps = upgradeSteps(d.id, 0);
      expect(steps.at(-1)?.to).toBe(d.version);
    }
  });
});
