import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { db } from '@/db/client';
import { accounts, events, notifications, orders, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { DomainError } from '@/lib/errors';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import type { QueuePayload } from '@/lib/jobs/queues';
import { poolOf, type LicenceKind } from '@/lib/licences/pool';
import { baseRoleId } from '../helpers';
import { rejection } from '../users/fixtures';

/** Shared fixtures of the licences-bulk tests (not a test file itself). */
export const MITEAM: LicenceKind = { product: 'miteamMeetings', level: null };
export const PREMIER: LicenceKind = { product: 'mitelOne', level: 'premier' };

/**
 * A fresh account of the partner's organisation with `size` users (made in one statement), Mitel
 * One and MiTeam Meetings integrated, and the given orders; returns it with its user ids in id order.
 */
export async function bigAccount(partner: Actor, size: number, owned: { premier?: number; miteam?: number }): Promise<{ id: string; userIds: string[] }> {
  const [account] = await db()
    .insert(accounts)
    .values({ partnerOrgId: partner.partnerOrgId!, name: `Licences ${randomUUID().slice(0, 8)}`, country: 'NL' })
    .returning({ id: accounts.id });
  const id = account!.id;
  await db().execute(sql`
    insert into users (partner_org_id, account_id, email, first_name, last_name, display_name, role_id)
    select ${partner.partnerOrgId}, ${id}, 'u' || g || '-' || ${id} || '@licjob.example', 'Lic', 'User ' || g, 'Lic User ' || g, ${await baseRoleId('user')}
    from generate_series(1, ${size}::int) g`);
  for (const integrationId of ['mitelOne', 'miteamMeetings']) await addAccountIntegration({ ctx: { actor: partner }, input: { accountId: id, integrationId } });
  const order = (product: 'mitelOne' | 'miteamMeetings', level: 'premier' | null, licenceCount: number) =>
    db().insert(orders).values({ partnerOrgId: partner.partnerOrgId!, accountId: id, sapOrderId: `SAP-${randomUUID()}`, product, level, licenceCount, purchaseDate: '2026-01-01', expiresOn: '2099-12-31', trackingNumber: 'TRK-JOB' });
  if (owned.premier) await order('mitelOne', 'premier', owned.premier);
  if (owned.miteam) await order('miteamMeetings', null, owned.miteam);
  const userIds = (await db().select({ id: users.id }).from(users).where(eq(users.accountId, id)).orderBy(asc(users.id))).map((u) => u.id);
  return { id, userIds };
}

/** The payload the request enqueued for this notification (the tests run the handler themselves). */
export async function payloadOf(notificationId: string): Promise<QueuePayload<'licences-bulk'>> {
  const rows = await db().execute<{ data: QueuePayload<'licences-bulk'> }>(sql`select data from pgboss.job where name = 'licences-bulk' and data->>'notificationId' = ${notificationId}`);
  expect(rows).toHaveLength(1);
  return rows[0]!.data;
}

export const noteOf = async (id: string) => (await db().select().from(notifications).where(eq(notifications.id, id)))[0]!;

export async function licenceEvents(accountId: string): Promise<number> {
  const [row] = await db().select({ n: count() }).from(events).where(and(eq(events.accountId, accountId), eq(events.asset, 'Licence')));
  return row!.n;
}

export const inUse = async (accountId: string, kind: LicenceKind) => (await poolOf(db(), accountId, kind)).inUse;

/** The count of a refusal "X more licence(s) needed". */
export async function moreNeeded(promise: Promise<unknown>): Promise<number> {
  const e = (await rejection(promise)) as DomainError;
  expect(e).toBeInstanceOf(DomainError);
  expect(e.messageKey).toBe('licences.errors.moreNeeded');
  return e.params.count as number;
}
