import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { events, userLicences, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { removeAccountIntegration } from '@/lib/integrations/remove-integration';
import { actorFor, EMAIL, seedTenants } from '../helpers';
import { addUser } from '../users/fixtures';

let contoso: Account;
let fabrikam: Account;
let partner: Actor;

async function miteamHolders(account: Account, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await addUser(account.id, { email: `miteam-${i}-${randomUUID().slice(0, 6)}@revoke.example` })).id);
  await db()
    .insert(userLicences)
    .values(ids.map((userId) => ({ userId, accountId: account.id, product: 'miteamMeetings' as const })));
  return ids;
}
const licenceEvents = (account: Account) =>
  db()
    .select()
    .from(events)
    .where(and(eq(events.accountId, account.id), eq(events.asset, 'Licence'), like(events.assetId, '%:miteamMeetings')))
    .orderBy(events.seq);
const integrate = (accountId: string, integrationId: string, on: boolean) =>
  (on ? addAccountIntegration : removeAccountIntegration)({ ctx: { actor: partner }, input: { accountId, integrationId } });

beforeAll(async () => {
  ({ contoso, fabrikam } = await seedTenants());
  partner = await actorFor(EMAIL.partner);
});

describe('MiTeam Meetings licences revoked with the integration (MTM-2) are audited', () => {
  it('records a Delete event per revoked licence, by the remover, in the removal transaction', async () => {
    const holders = await miteamHolders(fabrikam, 3);
    const elsewhere = await miteamHolders(contoso, 1);
    await integrate(fabrikam.id, 'miteamMeetings', true);
    await integrate(fabrikam.id, 'miteamMeetings', false);

    expect(await db().select().from(userLicences).where(eq(userLicences.accountId, fabrikam.id))).toEqual([]);
    const trail = await licenceEvents(fabrikam);
    expect(trail.map((e) => e.assetId).sort()).toEqual(holders.map((id) => `${id}:miteamMeetings`).sort());
    for (const e of trail) {
      expect(e).toMatchObject({ action: 'Delete', actorId: partner.userId, actorKind: 'partner', partnerOrgId: fabrikam.partnerOrgId, accountId: fabrikam.id });
      expect(e.coreDetails).toEqual({ before: { product: 'miteamMeetings', level: null } });
    }
    // The integration's own event still carries the count.
    const [removal] = await db()
      .select()
      .from(events)
      .where(and(eq(events.assetId, `${fabrikam.id}:miteamMeetings`), eq(events.action, 'Delete')));
    expect(removal?.coreDetails).toMatchObject({ before: { licencesRevoked: 3 } });
    // Another account's licences are neither revoked nor audited.
    expect(await db().select().from(userLicences).where(eq(userLicences.userId, elsewhere[0]!))).toHaveLength(1);
    expect(await licenceEvents(contoso)).toEqual([]);
  });

  it('writes the revocation and its events in the removal transaction: a rollback leaves both undone', async () => {
    const holders = await miteamHolders(fabrikam, 2);
    await integrate(fabrikam.id, 'miteamMeetings', true);
    const eventsBefore = (await licenceEvents(fabrikam)).length;
    await expect(
      db().transaction(async (tx) => {
        await removeAccountIntegration({ ctx: { actor: partner, tx }, input: { accountId: fabrikam.id, integrationId: 'miteamMeetings' } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db().select().from(userLicences).where(eq(userLicences.accountId, fabrikam.id))).map((l) => l.userId).sort()).toEqual([...holders].sort());
    expect(await licenceEvents(fabrikam)).toHaveLength(eventsBefore);
  });

  it('records nothing for licences that stay because MiCollab manages them', async () => {
    await miteamHolders(contoso, 2);
    await integrate(contoso.id, 'micollab', true);
    await integrate(contoso.id, 'miteamMeetings', true);
    await integrate(contoso.id, 'miteamMeetings', false);
    expect(await db().select().from(userLicences).where(eq(userLicences.accountId, contoso.id))).toHaveLength(3);
    expect(await licenceEvents(contoso)).toEqual([]);
  });
});
