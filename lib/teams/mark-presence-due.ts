import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';

/**
 * TEAMS-2: in the gateway's event transaction, the users whose line state, presence or DND just
 * changed get a Teams write due, and the pushers hear of it on commit (`NOTIFY teams_presence`,
 * delivered only if the transaction commits). The due time is when the portal received the change
 * (the gateway's clock may be off), and an already-due row keeps its earlier time.
 * Only rows of matched, in-scope users exist when sync is on, so an account without Teams
 * presence pays one indexed no-op update.
 */
export async function markPresenceDue(tx: Tx, accountId: string, pbxUserIds: readonly string[]): Promise<void> {
  if (pbxUserIds.length === 0) return;
  const values = sql.join(
    pbxUserIds.map((id) => sql`(${id}::text)`),
    sql`, `,
  );
  const due = await tx.execute(sql`
    update teams_presence_users t
       set dirty_since = coalesce(t.dirty_since, statement_timestamp())
      from (values ${values}) as v(pbx_user_id)
      join pbx_users p on p.account_id = ${accountId}::uuid and p.pbx_user_id = v.pbx_user_id
     where t.account_id = ${accountId}::uuid and t.user_id = p.user_id and t.graph_user_id is not null
     returning 1`);
  if (due.length > 0) await tx.execute(sql`select pg_notify('teams_presence', ${accountId})`);
}
