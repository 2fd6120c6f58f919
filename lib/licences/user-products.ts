import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { userLicences, type Account } from '@/db/schema';
import { readIntegrations } from '@/lib/integrations/account-state';
import { available } from './arithmetic';
import { miteamLicenceView, type MiteamLicenceView } from './display';
import { poolOf, type Level } from './pool';

export const LEVELS: readonly Level[] = ['essential', 'premier', 'elite'];

export interface UserProducts {
  /** Null when the account does not have the Mitel One integration. */
  mitelOne: { level: Level | null; free: Record<Level, number> } | null;
  miteam: { view: MiteamLicenceView; holds: boolean; free: number };
}

/**
 * The "Products & licences" of a user (USR-7, M1-2, MTM-2): the Mitel One level the user holds
 * with the free licences per level, and how the MiTeam Meetings licence shows. The caller has
 * checked the account's scope and the user's membership.
 */
export async function userProducts(q: DbOrTx, account: Account, userId: string): Promise<UserProducts> {
  const [{ state }, held] = await Promise.all([
    readIntegrations(q, account),
    q.select({ product: userLicences.product, level: userLicences.level }).from(userLicences).where(and(eq(userLicences.accountId, account.id), eq(userLicences.userId, userId))),
  ]);
  const has = (id: string) => (state.integrations as readonly string[]).includes(id);
  const mitelOneLevel = held.find((h) => h.product === 'mitelOne')?.level ?? null;
  const holdsMiteam = held.some((h) => h.product === 'miteamMeetings');
  const miteamFree = available(await poolOf(q, account.id, { product: 'miteamMeetings', level: null }));

  let mitelOne: UserProducts['mitelOne'] = null;
  if (has('mitelOne')) {
    const pools = await Promise.all(LEVELS.map((level) => poolOf(q, account.id, { product: 'mitelOne', level })));
    mitelOne = { level: mitelOneLevel, free: Object.fromEntries(LEVELS.map((l, i) => [l, available(pools[i]!)])) as Record<Level, number> };
  }
  return {
    mitelOne,
    miteam: {
      view: miteamLicenceView({ miteamIntegrated: has('miteamMeetings'), micollabIntegrated: has('micollab'), holds: holdsMiteam, available: miteamFree }),
      holds: holdsMiteam,
      free: miteamFree,
    },
  };
}
