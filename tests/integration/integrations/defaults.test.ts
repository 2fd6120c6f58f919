import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, type Account } from '@/db/schema';
import { createAccount } from '@/lib/accounts/create-account';
import { listAccountIntegrations } from '@/lib/integrations/list-account-integrations';
import { actorFor, EMAIL, seedTenants } from '../helpers';
import { VALID_ACCOUNT } from '../accounts/fixtures';
import { integrationIdsOf, privilegesOf } from './fixtures';

let contoso: Account;
let globex: Account;

beforeAll(async () => {
  ({ contoso, globex } = await seedTenants());
});

describe('default integrations (INT-1: Chat on for every customer account)', () => {
  it('gives every seeded account Chat and a privileges row; the demo adds a few to Fabrikam', async () => {
    const seeded = (await db().select().from(accounts)).filter((a) => a.id !== globex.id);
    expect(seeded.map((a) => a.name).sort()).toEqual(['Contoso Ltd', 'Fabrikam BV']);
    for (const a of seeded) {
      const fabrikam = a.name === 'Fabrikam BV';
      expect(await integrationIdsOf(a.id)).toEqual(fabrikam ? ['chat', 'cloudlinkGateway', 'mitelOne', 'voiceAssist'] : ['chat']);
      // Mitel One brings guest access (INT-3).
      expect(await privilegesOf(a.id)).toEqual({ delegatedAuthentication: false, guestAccess: fabrikam });
    }
  });

  it('gives an account created by the command Chat and a privileges row, in its transaction', async () => {
    const { id } = await createAccount({ ctx: { actor: await actorFor(EMAIL.partner) }, input: { ...VALID_ACCOUNT, name: 'Fresh Co' } });
    expect(await integrationIdsOf(id)).toEqual(['chat']);
    expect(await privilegesOf(id)).toEqual({ delegatedAuthentication: false, guestAccess: false });
  });

  it("backfills accounts that existed before the migration (the migration's own statements)", async () => {
    // Globex is inserted straight into the table by the fixture, like a pre-migration account.
    expect(await integrationIdsOf(globex.id)).toEqual([]);
    const migration = readFileSync('db/migrations/0006_account-integrations.sql', 'utf8');
    const backfill = migration
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter((s) => /^(-- .*\n)*INSERT INTO/.test(s));
    expect(backfill).toHaveLength(2);
    for (const statement of backfill) await db().execute(sql.raw(statement));
    expect(await integrationIdsOf(globex.id)).toEqual(['chat']);
    expect(await privilegesOf(globex.id)).toEqual({ delegatedAuthentication: false, guestAccess: false });
    // Running it again changes nothing (ON CONFLICT DO NOTHING).
    for (const statement of backfill) await db().execute(sql.raw(statement));
    expect(await integrationIdsOf(globex.id)).toEqual(['chat']);
  });

  it('lists Chat as installed at the catalogue version, set up, with no update and no warning', async () => {
    const list = await listAccountIntegrations({ ctx: { actor: await actorFor(EMAIL.alice) }, input: { accountId: contoso.id } });
    expect(list).toEqual({
      accountId: contoso.id,
      integrations: [
        { integrationId: 'chat', version: 1, latestVersion: 1, updateAvailable: false, setupDone: true, needsSetup: false, shownUnder: null, settings: { allowMessageEditing: true }, addedAt: expect.any(String) },
      ],
      privileges: { delegatedAuthentication: false, guestAccess: false },
      missingPrivileges: [],
    });
  });
});
