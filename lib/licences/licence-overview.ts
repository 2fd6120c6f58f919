import 'server-only';
import { and, count, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { orders, userLicences, users, type Account } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError, validationFromZod } from '@/lib/errors';
import { readIntegrations } from '@/lib/integrations/account-state';
import { available } from './arithmetic';
import { LEVELS, type Level } from './levels';
import { poolOf, type Product } from './pool';
import { MAX_LICENCE_USERS } from './schemas';

export interface PoolFigures {
  owned: number;
  inUse: number;
  free: number;
  /** Of `inUse`, held by the selected users. */
  heldBySelected: number;
}

export interface LicenceOverview {
  /** The users the panel's changes apply to (the selection, or every user of the account). */
  selected: number;
  /** M1-2: present when the account has the Mitel One integration. */
  mitelOne: { levels: (PoolFigures & { level: Level })[]; selectedWithout: number } | null;
  /** MTM-2 (seed 001 662-666): present when MiTeam Meetings is integrated, MiCollab is not, and a MiTeam order is assigned. */
  miteam: PoolFigures | null;
}

const Input = z.object({ accountId: z.string().max(100), userIds: z.array(z.uuid()).min(1).max(MAX_LICENCE_USERS).nullable() });
const CHUNK = 1_000;

/**
 * The licence figures of "Manage (x)" (M1-2 3486-3488, MTM-1 658-661): per pool what the account
 * owns, uses and has free, and how much of it the selected users hold, so the admin sees what a
 * change will cost before saving. Needs what the panel's licence actions need: Users "Edit".
 */
export async function licenceOverview(q: DbOrTx, actor: Actor, input: unknown): Promise<LicenceOverview> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(actor, 'users', 'edit');
  const account = await getAccountInScope(q, actor, parsed.data.accountId);
  const userIds = parsed.data.userIds ? [...new Set(parsed.data.userIds)] : null;
  const selected = await countIn(userIds, (f) => q.select({ n: count() }).from(users).where(and(eq(users.accountId, account.id), f?.(users.id))));
  if (userIds && selected !== userIds.length) throw new NotFoundError();

  const { state } = await readIntegrations(q, account);
  const has = (id: string) => (state.integrations as readonly string[]).includes(id);
  const held = (product: Product, level: Level | null) =>
    countIn(userIds, (f) =>
      q
        .select({ n: count() })
        .from(userLicences)
        .where(and(eq(userLicences.accountId, account.id), eq(userLicences.product, product), level ? eq(userLicences.level, level) : undefined, f?.(userLicences.userId))),
    );
  const figures = async (product: Product, level: Level | null): Promise<PoolFigures> => {
    const pool = await poolOf(q, account.id, { product, level });
    return { ...pool, free: available(pool), heldBySelected: await held(product, level) };
  };

  let mitelOne: LicenceOverview['mitelOne'] = null;
  if (has('mitelOne')) {
    const levels = await Promise.all(LEVELS.map(async (level) => ({ level, ...(await figures('mitelOne', level)) })));
    const licensed = await countIn(userIds, (f) =>
      q
        .select({ n: count() })
        .from(userLicences)
        .where(and(eq(userLicences.accountId, account.id), eq(userLicences.product, 'mitelOne'), isNotNull(userLicences.level), f?.(userLicences.userId))),
    );
    mitelOne = { levels, selectedWithout: selected - licensed };
  }
  const miteam = has('miteamMeetings') && !has('micollab') && (await hasMiteamOrder(q, account)) ? await figures('miteamMeetings', null) : null;
  return { selected, mitelOne, miteam };

  async function countIn(ids: string[] | null, run: (filter?: (column: Parameters<typeof inArray>[0]) => SQL) => Promise<{ n: number }[]>): Promise<number> {
    if (!ids) return (await run())[0]?.n ?? 0;
    let total = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      total += (await run((column) => inArray(column, chunk)))[0]?.n ?? 0;
    }
    return total;
  }
}

async function hasMiteamOrder(q: DbOrTx, account: Account): Promise<boolean> {
  const [row] = await q
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.accountId, account.id), eq(orders.product, 'miteamMeetings')));
  return (row?.n ?? 0) > 0;
}
