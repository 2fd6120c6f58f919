// Mitel One licence levels and what each allows (M1-2), pure and client-safe.
//
// The manual names the levels (Essential, Premier, Elite; seed 001 line 3431) and says every
// bundle brings the Mitel One softphone and Chat (3400-3403), but gives no feature matrix. The
// portal's rule: Chat and Telephony come with every level, MiTeam Meetings from Premier. A bulk
// feature change applies only to users whose level allows the feature (3481-3485).
import { MITEL_ONE_FEATURES, type MitelOneFeature } from '@/lib/integrations/settings';

export const LEVELS = ['essential', 'premier', 'elite'] as const;
export type Level = (typeof LEVELS)[number];
export type Features = Partial<Record<MitelOneFeature, boolean>>;

export const LEVEL_FEATURES: Readonly<Record<Level, readonly MitelOneFeature[]>> = {
  essential: ['chat', 'telephony'],
  premier: ['chat', 'miteamMeetings', 'telephony'],
  elite: ['chat', 'miteamMeetings', 'telephony'],
};

export function allows(level: Level | null, feature: MitelOneFeature): boolean {
  return level !== null && LEVEL_FEATURES[level].includes(feature);
}

export type FeatureState = 'on' | 'off' | 'notInLevel' | 'offForAccount';

/**
 * What a user gets of each Mitel One feature: the level must allow it, the account must have it on
 * (the integration's "Available features" of its version, M1-1) and the user's own switch must be on (absent = on).
 */
export function featureSummary(level: Level | null, own: Features, account: Features): Record<MitelOneFeature, FeatureState> {
  return Object.fromEntries(
    MITEL_ONE_FEATURES.map((f) => {
      const state: FeatureState = !allows(level, f) ? 'notInLevel' : account[f] !== true ? 'offForAccount' : own[f] === false ? 'off' : 'on';
      return [f, state];
    }),
  ) as Record<MitelOneFeature, FeatureState>;
}

/** A Mitel One product a user has: `level` null is "added, setup not finished". */
export interface MitelOneHolding {
  level: Level | null;
  features: Features;
}

export type LevelChoice = 'unchanged' | Level | 'deactivate';
export type FeatureChoice = 'unchanged' | 'on' | 'off';

export interface MitelOneOverride {
  level: LevelChoice;
  features: Partial<Record<MitelOneFeature, FeatureChoice>>;
}

/**
 * The bulk "Mitel One" override for one user (M1-2, 3461-3485): "leave all unchanged" keeps the
 * level, a level sets it (adding Mitel One to users without it), "deactivate all" takes Mitel One
 * away. Feature choices then apply only where the resulting level allows the feature; elsewhere
 * the user's switch stays as it was. Returns null when the user has no Mitel One afterwards.
 */
export function overrideMitelOne(current: MitelOneHolding | null, choice: MitelOneOverride): MitelOneHolding | null {
  if (choice.level === 'deactivate') return null;
  const level = choice.level === 'unchanged' ? (current?.level ?? null) : choice.level;
  if (!current && choice.level === 'unchanged') return null;
  const features: Features = { ...(current?.features ?? {}) };
  for (const f of MITEL_ONE_FEATURES) {
    const c = choice.features[f];
    if (c && c !== 'unchanged' && allows(level, f)) features[f] = c === 'on';
  }
  return { level, features };
}

/** True when the override changes nothing for anyone (the form refuses to save it). */
export function isNoop(choice: MitelOneOverride): boolean {
  return choice.level === 'unchanged' && MITEL_ONE_FEATURES.every((f) => (choice.features[f] ?? 'unchanged') === 'unchanged');
}

/** Whether two holdings are the same (no write, no event). */
export function sameHolding(a: MitelOneHolding | null, b: MitelOneHolding | null): boolean {
  if (a === null || b === null) return a === b;
  return a.level === b.level && MITEL_ONE_FEATURES.every((f) => (a.features[f] ?? true) === (b.features[f] ?? true));
}
