import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { userLicences, type Account } from '@/db/schema';
import { readIntegrations } from '@/lib/integrations/account-state';
import { readSettings, type MitelOneFeature } from '@/lib/integrations/settings';
import { available } from './arithmetic';
import { miteamLicenceView, type MiteamLicenceView } from './display';
import { featureSummary, LEVELS, type Features, type FeatureState, type Level } from './levels';
import { poolOf } from './pool';

export interface UserProducts {
  /** Null when the account does not have the Mitel One integration. */
  mitelOne: {
    /** The user has Mitel One ("+ Add product"); `level` null means its setup is not finished. */
    added: boolean;
    level: Level | null;
    /** The user's own switches, and what the user gets of each feature. */
    features: Features;
    summary: Record<MitelOneFeature, FeatureState>;
    free: Record<Level, number>;
  } | null;
  /** A Mitel One licence the user keeps while the account no longer has the integration (its level), else null. */
  mitelOneKept: Level | null;
  miteam: { view: MiteamLicenceView; holds: boolean; free: number };
}

/**
 * The "Products & licences" of a user (USR-7, M1-2, MTM-2): the Mitel One product with its level,
 * features and the free licences per level, and how the MiTeam Meetings licence shows. The caller
 * has checked the account's scope and the user's membership.
 */
export async function userProducts(q: DbOrTx, account: Pick<Account, 'id'>, userId: string): Promise<UserProducts> {
  const [{ state, rows }, held] = await Promise.all([
    readIntegrations(q, account),
    q
      .select({ product: userLicences.product, level: userLicences.level, features: userLicences.features })
      .from(userLicences)
      .where(and(eq(userLicences.accountId, account.id), eq(userLicences.userId, userId))),
  ]);
  const has = (id: string) => (state.integrations as readonly string[]).includes(id);
  const mine = held.find((h) => h.product === 'mitelOne');
  const holdsMiteam = held.some((h) => h.product === 'miteamMeetings');
  const miteamFree = available(await poolOf(q, account.id, { product: 'miteamMeetings', level: null }));

  let mitelOne: UserProducts['mitelOne'] = null;
  const integration = rows.find((r) => r.integrationId === 'mitelOne');
  if (has('mitelOne') && integration) {
    const pools = await Promise.all(LEVELS.map((level) => poolOf(q, account.id, { product: 'mitelOne', level })));
    const accountFeatures = readSettings('mitelOne', integration.version, integration.settings as Record<string, unknown>).features;
    const level = mine?.level ?? null;
    const features = mine?.features ?? {};
    mitelOne = {
      added: mine !== undefined,
      level,
      features,
      summary: featureSummary(level, features, accountFeatures),
      free: Object.fromEntries(LEVELS.map((l, i) => [l, available(pools[i]!)])) as Record<Level, number>,
    };
  }
  return {
    mitelOne,
    mitelOneKept: mitelOne ? null : (mine?.level ?? null),
    miteam: {
      view: miteamLicenceView({ miteamIntegrated: has('miteamMeetings'), micollabIntegrated: has('micollab'), holds: holdsMiteam, available: miteamFree }),
      holds: holdsMiteam,
      free: miteamFree,
    },
  };
}
