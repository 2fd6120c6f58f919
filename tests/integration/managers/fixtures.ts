import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { db } from '@/db/client';
import { notifications } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { runManagersBulk } from '@/lib/jobs/handlers/managers-bulk';
import type { QueuePayload } from '@/lib/jobs/queues';
import { assignAccounts } from '@/lib/managers/assign-accounts';
import { convertToManagers } from '@/lib/managers/convert-to-managers';
import { unassignAccounts } from '@/lib/managers/unassign-accounts';
import { upgradeToAdmins } from '@/lib/managers/upgrade-to-admins';

/** Fixtures for the account-manager tests (not a test file itself). */
export async function payloadOf(notificationId: string): Promise<QueuePayload<'managers-bulk'>> {
  const rows = await db().execute<{ data: QueuePayload<'managers-bulk'> }>(sql`select data from pgboss.job where name = 'managers-bulk' and data->>'notificationId' = ${notificationId}`);
  expect(rows).toHaveLength(1);
  return rows[0]!.data;
}

export const noteOf = async (id: string) => (await db().select().from(notifications).where(eq(notifications.id, id)))[0]!;

const COMMANDS = { convert: convertToManagers, upgrade: upgradeToAdmins, assign: assignAccounts, unassign: unassignAccounts } as const;

/** Requests an operation as `actor` and runs its job right away, as the worker would. */
export async function runOperation(actor: Actor, operation: keyof typeof COMMANDS, managerIds: string[], accountIds: string[] = []): Promise<string> {
  const input = operation === 'convert' || operation === 'upgrade' ? { managerIds } : { managerIds, accountIds };
  const { notificationId } = await COMMANDS[operation]({ ctx: { actor }, input });
  await runManagersBulk(await payloadOf(notificationId));
  return notificationId;
}
