import 'server-only';
import type { Account } from '@/db/schema';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { UpdateAccountInput } from './schemas';
import { getAccountInScope } from './scope';
import { blankToNull } from './snapshot';
import { writeAccountChange } from './write-account-change';

/**
 * ACC-3 / ACC-6: edits the customer information and the call services of an account in the
 * actor's scope: a partner any of its organisation's accounts, an account admin only its own.
 * Only the fields present in the input change; an edit that changes nothing records nothing.
 */
export async function updateAccount({ ctx, input }: Command<unknown>): Promise<void> {
  const parsed = UpdateAccountInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'account', 'edit');
  const { accountId, ...v } = parsed.data;

  await withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    const changes = changedFields(account, {
      name: v.name,
      country: v.country,
      province: blankToNull(v.province),
      address: blankToNull(v.address),
      city: blankToNull(v.city),
      postalCode: blankToNull(v.postalCode),
      defaultLanguage: v.defaultLanguage,
      businessType: blankToNull(v.businessType),
      bandwidthOptimisation: v.bandwidthOptimisation,
    });
    if (Object.keys(changes).length === 0) return;

    await writeAccountChange(tx, ctx, account, changes);
  });
}

type Editable = Pick<Account, 'name' | 'country' | 'province' | 'address' | 'city' | 'postalCode' | 'defaultLanguage' | 'businessType' | 'bandwidthOptimisation'>;

/** The fields the input carries whose value differs from the stored one. */
function changedFields(account: Account, next: { [K in keyof Editable]?: Editable[K] | undefined }): Partial<Editable> {
  const out: Partial<Record<keyof Editable, unknown>> = {};
  for (const key of Object.keys(next) as (keyof Editable)[]) {
    const value = next[key];
    if (value !== undefined && value !== account[key]) out[key] = value;
  }
  return out as Partial<Editable>;
}
