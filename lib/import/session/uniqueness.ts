import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';

/**
 * The IMP-2 rules across rows, kept in SQL so they scale to the whole file and stay true after
 * every edit (IMP-3): a row whose e-mail an EARLIER open row of the import already has points at
 * that row (`duplicate_of`), and a row whose e-mail belongs to any existing user is `in_use` (the
 * e-mail is the sign-in name, unique in the installation). Rows without a well-formed e-mail take
 * part in neither. `emailKeys` limits the work to the e-mails an edit touched; without it the
 * whole import is refreshed (after parsing). Only rows whose flags change are written.
 */
export async function refreshUniqueness(tx: Tx, importId: string, emailKeys?: readonly string[]): Promise<void> {
  const keys = emailKeys ? [...new Set(emailKeys.filter((key) => key !== ''))] : null;
  if (keys && keys.length === 0) return;
  const onlyKeys = keys ? sql`and email_key in (${sql.join(keys.map((key) => sql`${key}`), sql`, `)})` : sql``;
  await tx.execute(sql`
    update user_import_rows r
       set duplicate_of = d.first_row
      from (
        select row_number,
               nullif(min(row_number) over (partition by email_key), row_number) as first_row
          from user_import_rows
         where import_id = ${importId} and created_user_id is null and email_key is not null ${onlyKeys}
      ) d
     where r.import_id = ${importId} and r.row_number = d.row_number
       and r.duplicate_of is distinct from d.first_row`);
  await tx.execute(sql`
    update user_import_rows r
       set in_use = exists (select 1 from users u where lower(u.email) = r.email_key)
     where r.import_id = ${importId} and r.created_user_id is null and r.email_key is not null ${onlyKeys}
       and r.in_use is distinct from exists (select 1 from users u where lower(u.email) = r.email_key)`);
}
