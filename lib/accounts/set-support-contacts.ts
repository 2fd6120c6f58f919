import 'server-only';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { SetSupportContactsInput } from './schemas';
import { getAccountInScope } from './scope';
import { recordAccountEdit } from './write-account-change';
import { replaceSupportContacts } from './support-contacts';

/**
 * SUP-1: replaces an account's support contacts (add, remove with X, save). Partners edit any
 * account of their organisation; account admins their own account, under the Account Edit
 * permission (seed 2.9 "Bewerken van een Ondersteuningscontact (Administrator-gebruiker)").
 */
export async function setSupportContacts({ ctx, input }: Command<unknown>): Promise<{ supportContacts: string[] }> {
  const parsed = SetSupportContactsInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'account', 'edit');
  const { accountId, supportContacts } = parsed.data;

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    const { before, after } = await replaceSupportContacts(tx, account, supportContacts);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAccountEdit(tx, ctx, account, { supportContacts: before }, { supportContacts: after });
    }
    return { supportContacts: after };
  });
}
