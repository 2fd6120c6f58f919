import { describe, expect, it } from 'vitest';
import { featureSummary, isNoop, overrideMitelOne, sameHolding, type MitelOneHolding, type MitelOneOverride } from '@/lib/licences/levels';

const essential: MitelOneHolding = { level: 'essential', features: {} };
const premierNoChat: MitelOneHolding = { level: 'premier', features: { chat: false } };
const setup: MitelOneHolding = { level: null, features: {} };

describe('the Mitel One bulk override for one user (M1-2, seed 001 3461-3485)', () => {
  const cases: [string, MitelOneHolding | null, MitelOneOverride, MitelOneHolding | null][] = [
    ['"leave all unchanged" keeps the level', essential, { level: 'unchanged', features: {} }, essential],
    ['"leave all unchanged" does not give Mitel One to a user without it', null, { level: 'unchanged', features: { chat: 'off' } }, null],
    ['a level adds Mitel One to a user without it', null, { level: 'elite', features: {} }, { level: 'elite', features: {} }],
    ['a level finishes the setup of an added product', setup, { level: 'premier', features: {} }, { level: 'premier', features: {} }],
    ['a level moves a user, keeping the own switches', premierNoChat, { level: 'elite', features: {} }, { level: 'elite', features: { chat: false } }],
    ['"deactivate all" takes Mitel One away', premierNoChat, { level: 'deactivate', features: { chat: 'on' } }, null],
    ['a feature the level allows is switched', essential, { level: 'unchanged', features: { telephony: 'off' } }, { level: 'essential', features: { telephony: false } }],
    ['a feature the level lacks is left as it was', essential, { level: 'unchanged', features: { miteamMeetings: 'off' } }, essential],
    ['the new level decides which features apply', essential, { level: 'premier', features: { miteamMeetings: 'off' } }, { level: 'premier', features: { miteamMeetings: false } }],
    ['"unchanged" for a feature keeps it', premierNoChat, { level: 'unchanged', features: { chat: 'unchanged', telephony: 'on' } }, { level: 'premier', features: { chat: false, telephony: true } }],
    ['no feature applies before the setup is finished', setup, { level: 'unchanged', features: { chat: 'off' } }, setup],
  ];
  it.each(cases)('%s', (_, current, choice, expected) => {
    expect(overrideMitelOne(current, choice)).toEqual(expected);
  });

  it('knows an override that changes nothing for anyone', () => {
    expect(isNoop({ level: 'unchanged', features: {} })).toBe(true);
    expect(isNoop({ level: 'unchanged', features: { chat: 'unchanged' } })).toBe(true);
    expect(isNoop({ level: 'unchanged', features: { chat: 'off' } })).toBe(false);
    expect(isNoop({ level: 'deactivate', features: {} })).toBe(false);
  });

  it('treats an absent switch as on when comparing holdings', () => {
    expect(sameHolding(essential, { level: 'essential', features: { chat: true } })).toBe(true);
    expect(sameHolding(essential, { level: 'essential', features: { chat: false } })).toBe(false);
    expect(sameHolding(null, null)).toBe(true);
    expect(sameHolding(essential, null)).toBe(false);
  });
});

describe('what a user gets of each feature (level × account × own switch)', () => {
  const all = { chat: true, miteamMeetings: true, telephony: true };
  it.each([
    ['essential', {}, all, { chat: 'on', miteamMeetings: 'notInLevel', telephony: 'on' }],
    ['premier', { chat: false }, all, { chat: 'off', miteamMeetings: 'on', telephony: 'on' }],
    // An account still on Mitel One version 1 has no Telephony yet (INT-4).
    ['elite', {}, { chat: true, miteamMeetings: false }, { chat: 'on', miteamMeetings: 'offForAccount', telephony: 'offForAccount' }],
    [null, {}, all, { chat: 'notInLevel', miteamMeetings: 'notInLevel', telephony: 'notInLevel' }],
  ] as const)('%s, own %j, account %j', (level, own, account, expected) => {
    expect(featureSummary(level, own, account)).toEqual(expected);
  });
});
