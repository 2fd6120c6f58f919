import 'server-only';
import { accountManagerAssignments, accounts } from '@/db/schema';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { insertAccountDefaults } from '@/lib/integrations/account-defaults';
import { cloudLocationFor } from './countries';
import { CreateAccountInput } from './schemas';
import { blankToNull, accountSnapshot } from './snapshot';
import { replaceSupportContacts } from './support-contacts';

/**
 * ACC-2: a partner adds a customer account to its own partner organisation, with at least one
 * support contact (SUP-1). The cloud location follows the country and is fixed from then on.
 */
export async function createAccount({ ctx, input }: Command<unknown>): Promise<{ id: string }> {
  const parsed = CreateAccountInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { actor } = ctx;
  authorize(actor, 'account', 'add');
  // Accounts belong to a partner organisation; an account user never creates one.
  if ((actor.kind !== 'partner' && actor.kind !== 'system') || !actor.partnerOrgId) throw new ForbiddenError();
  const partnerOrgId = actor.partnerOrgId;
  const v = parsed.data;

  return withTransaction(ctx, async (tx) => {
    const [account] = await tx
      .insert(accounts)
      .values({
        partnerOrgId,
        name: v.name,
        country: v.country,
        province: blankToNull(v.province),
        address: blankToNull(v.address),
        city: blankToNull(v.city),
        postalCode: blankToNull(v.postalCode),
        defaultLanguage: v.defaultLanguage,
        cloudLocation: cloudLocationFor(v.country),
      })
      .returning();
    const created = account!;
    const contacts = await replaceSupportContacts(tx, created, v.supportContacts);
    // Chat is on for every customer account from the start (INT-1), with its privileges row.
    await insertAccountDefaults(tx, created.id);
    // An account manager reaches only assigned accounts (MGR-5): without this, its new account
    // would vanish from its own list the moment it is created.
    if (actor.kind === 'partner' && actor.managedAccountIds !== null && actor.userId) {
      await tx.insert(accountManagerAssignments).values({ userId: actor.userId, accountId: created.id });
    }
    await recordEvent(tx, ctx, {
      action: 'Create',
      asset: 'Account',
      assetId: created.id,
      accountId: created.id,
      partnerOrgId,
      after: { ...accountSnapshot(created), supportContacts: contacts.after },
    });
    return { id: created.id };
  });
}
