import 'server-only';
import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { users } from '@/db/schema';
import { ConflictError, type FieldErrors } from '@/lib/errors';

/** USR-8: the seed's "One or more of the attribute values are already in use". */
export const IN_USE = 'errors.conflict';

/** Which form field each unique index of users and extensions protects. */
const FIELD_OF_CONSTRAINT: Record<string, string> = {
  users_email_uq: 'email',
  users_account_mobile_uq: 'mobile',
  users_account_phone_uq: 'phone',
  users_account_login_uq: 'loginId',
  users_external_id_uq: 'externalId',
  user_extensions_account_id_extension_pk: 'extensions',
};

function inUse(fields: string[]): ConflictError {
  const fieldErrors: FieldErrors = Object.fromEntries(fields.map((f) => [f, [IN_USE]]));
  return new ConflictError(IN_USE, fieldErrors);
}

/**
 * Maps a unique violation (SQLSTATE 23505) to the USR-8 conflict on the offending field, or
 * returns null for any other error. The pre-check below catches the usual case with every field
 * at once; this covers the race where two requests claim the same value at the same moment.
 */
export function conflictFromUniqueViolation(error: unknown): ConflictError | null {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name: constraint } = e as { code?: unknown; constraint_name?: unknown };
    if (code === '23505') return inUse([typeof constraint === 'string' ? (FIELD_OF_CONSTRAINT[constraint] ?? '_form') : '_form']);
    if ((e as { cause?: unknown }).cause === e) break;
  }
  return null;
}

/**
 * Throws the USR-8 conflict naming every attribute already taken by another user: the e-mail
 * (the sign-in name, unique in the whole installation) and the mobile number (unique per account).
 */
export async function assertAttributesFree(
  tx: Tx,
  input: { accountId: string; exceptUserId?: string; email?: string; mobile?: string | null },
): Promise<void> {
  const checks: [string, SQL][] = [];
  if (input.email !== undefined) checks.push(['email', sql`lower(${users.email}) = lower(${input.email})`]);
  if (input.mobile) checks.push(['mobile', and(eq(users.accountId, input.accountId), eq(users.mobile, input.mobile))!]);
  const taken: string[] = [];
  for (const [field, condition] of checks) {
    const [row] = await tx
      .select({ id: users.id })
      .from(users)
      .where(input.exceptUserId ? and(condition, ne(users.id, input.exceptUserId)) : condition)
      .limit(1);
    if (row) taken.push(field);
  }
  if (taken.length) throw inUse(taken);
}
