import { Readable } from 'node:stream';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { events, mailOutbox, notifications, roles, userImports, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError } from '@/lib/errors';
import { commitImport, COMMIT_BATCH } from '@/lib/import/session/commit-import';
import { errorReport } from '@/lib/import/session/error-report';
import { requestImportCommit } from '@/lib/import/session/request-commit';
import { runUsersBulk } from '@/lib/jobs/handlers/users-bulk';
import type { QueuePayload } from '@/lib/jobs/queues';
import { requestBulkUsers } from '@/lib/users/request-bulk-users';
import { EMAIL, accountByName, actorFor, seed } from '../helpers';
import { rejection } from '../users/fixtures';
import { commit, csv, importOf, manyRows, openRowCount, problemsByRow, uploadAndParse } from './fixtures';

let alice: Actor;
let contosoId: string;
const HEADER = 'FIRST NAME,LAST NAME,NAME,EMAIL,ROLE';

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  contosoId = (await accountByName('Contoso Ltd')).id;
});

const usersWith = (domain: string) =>
  db()
    .select({ email: users.email, firstName: users.firstName, lastName: users.lastName, displayName: users.displayName, role: roles.key, accountId: users.accountId, registeredAt: users.registeredAt })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(sql`${users.email} like ${`%@${domain}`}`)
    .orderBy(users.email);

describe('uploading the valid rows (IMP-4)', () => {
  it('creates the valid rows as users with audit events; rows with errors stay in the preview', async () => {
    const file = csv([HEADER, 'Ann,Lee,,ann@commit.example,', ',,Reception,desk@commit.example,Account Admin', 'Bad,,,nope,', `Dup,,,${EMAIL.uma},`, 'Ann,Again,,ANN@commit.example,']);
    const found = await uploadAndParse(alice, contosoId, file);
    expect((await problemsByRow(alice, contosoId, found.id))[6]).toEqual({ email: [{ key: 'import.errors.duplicateInFile', params: { row: 2 } }] });
    await commit(alice, contosoId, found.id);

    expect(await usersWith('commit.example')).toEqual([
      { email: 'ann@commit.example', firstName: 'Ann', lastName: 'Lee', displayName: 'Ann Lee', role: 'user', accountId: contosoId, registeredAt: null },
      { email: 'desk@commit.example', firstName: null, lastName: null, displayName: 'Reception', role: 'admin', accountId: contosoId, registeredAt: null },
    ]);
    const after = await importOf(found.id);
    expect(after).toMatchObject({ status: 'ready', createdCount: 2, commitTotal: 2, commitDone: 2 });
    const left = await problemsByRow(alice, contosoId, found.id);
    expect(Object.keys(left)).toEqual(['4', '5', '6']);
    // Row 2 left the preview as a user: its repeat now names the existing user, not a row.
    expect(left[6]).toEqual({ email: [{ key: 'import.errors.emailInUse' }] });

    const created = await db().select().from(events).where(and(eq(events.asset, 'User'), eq(events.action, 'Create'), sql`${events.tags} @> array['import']`));
    expect(created).toHaveLength(2);
    expect(created[0]).toMatchObject({ actorName: expect.stringContaining('Alice'), accountId: contosoId, coreDetails: expect.objectContaining({ importId: found.id, file: 'users.csv' }) });
    // No welcome mail yet: IMP-5 sends them when the admin asks.
    expect((await db().select({ n: count() }).from(mailOutbox).where(inArray(mailOutbox.toAddress, ['ann@commit.example', 'desk@commit.example'])))[0]!.n).toBe(0);
    const [note] = await db().select().from(notifications).where(eq(notifications.id, after.notificationId!));
    expect(note).toMatchObject({ status: 'success', titleKey: 'import.progress.created', params: { count: 2, errors: 3 } });

    // Fixing the rest and uploading again finishes the import.
    await db().execute(sql`delete from user_import_rows where import_id = ${found.id} and row_number in (5, 6)`);
    await db().execute(sql`update user_import_rows set email = 'bad@commit.example', email_key = 'bad@commit.example', errors = null where import_id = ${found.id} and row_number = 4`);
    await commit(alice, contosoId, found.id);
    expect(await importOf(found.id)).toMatchObject({ status: 'done', createdCount: 3 });
  });

  it('importing the same file twice creates no duplicates', async () => {
    const file = csv([HEADER, ...manyRows(30, 'twice.example')]);
    const first = await uploadAndParse(alice, contosoId, file);
    await commit(alice, contosoId, first.id);
    const second = await uploadAndParse(alice, contosoId, file);
    expect(second).toMatchObject({ status: 'ready', rowCount: 30 });
    const problems = await problemsByRow(alice, contosoId, second.id);
    expect(Object.values(problems).every((p) => p.email?.[0]?.key === 'import.errors.emailInUse')).toBe(true);
    const refused = await rejection(requestImportCommit({ ctx: { actor: alice }, input: { accountId: contosoId, importId: second.id } }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ messageKey: 'import.errors.nothingToUpload' });
    expect(await usersWith('twice.example')).toHaveLength(30);
  });

  it('an e-mail taken after the preview turns its row into an error instead of a second user', async () => {
    const found = await uploadAndParse(alice, contosoId, csv([HEADER, 'Ann,Lee,,race@commit2.example,', 'Bo,Ek,,bo@commit2.example,']));
    await requestImportCommit({ ctx: { actor: alice }, input: { accountId: contosoId, importId: found.id } });
    // Someone else creates the same user while the job waits in the queue.
    const other = await uploadAndParse(await actorFor(EMAIL.partner), contosoId, csv([HEADER, 'Ann,Lee,,RACE@commit2.example,']));
    await commit(await actorFor(EMAIL.partner), contosoId, other.id);
    await commitImport(found.id);
    expect((await usersWith('commit2.example')).map((u) => u.email).sort()).toEqual(['RACE@commit2.example', 'bo@commit2.example']);
    expect(await problemsByRow(alice, contosoId, found.id)).toEqual({ 2: { email: [{ key: 'import.errors.emailInUse' }] } });
  });

  it('Account Admin rows need the Roles "Assign" permission', async () => {
    const noAssign: Actor = { ...alice, permissions: new Set([...alice.permissions].filter((p) => p !== 'roles.assign')) };
    const found = await uploadAndParse(alice, contosoId, csv([HEADER, 'Ann,Lee,,boss@assign.example,Account Admin']));
    const refused = await rejection(requestImportCommit({ ctx: { actor: noAssign }, input: { accountId: contosoId, importId: found.id } }));
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(refused).toMatchObject({ messageKey: 'import.errors.cannotAssignAdmin' });
    expect(await importOf(found.id)).toMatchObject({ status: 'ready' });
  });

  it('resumes an interrupted commit after the last committed batch: everyone created once, one event each', async () => {
    const total = COMMIT_BATCH * 2 + 100;
    const found = await uploadAndParse(alice, contosoId, csv([HEADER, ...manyRows(total, 'resume-commit.example')]));
    await requestImportCommit({ ctx: { actor: alice }, input: { accountId: contosoId, importId: found.id } });
    await db().execute(sql`
      create function fail_second_commit() returns trigger language plpgsql as $$
      begin if new.commit_done > ${sql.raw(String(COMMIT_BATCH))} then raise exception 'worker died'; end if; return new; end $$`);
    await db().execute(sql`create trigger fail_second_commit before update on user_imports for each row execute function fail_second_commit()`);
    await expect(commitImport(found.id)).rejects.toThrow();
    await db().execute(sql`drop trigger fail_second_commit on user_imports`);
    await db().execute(sql`drop function fail_second_commit()`);
    expect(await usersWith('resume-commit.example')).toHaveLength(COMMIT_BATCH);
    expect(await importOf(found.id)).toMatchObject({ status: 'committing', commitDone: COMMIT_BATCH });

    await commitImport(found.id); // the retry
    expect(await usersWith('resume-commit.example')).toHaveLength(total);
    expect(await importOf(found.id)).toMatchObject({ status: 'done', createdCount: total, commitDone: total });
    expect(await openRowCount(found.id)).toBe(0);
    const [ev] = await db().select({ n: count() }).from(events).where(sql`${events.coreDetails}->>'importId' = ${found.id}`);
    expect(ev!.n).toBe(total);
  });

  it('a commit whose uploader lost access stops and leaves the preview', async () => {
    const found = await uploadAndParse(alice, contosoId, csv([HEADER, 'Ann,Lee,,lost@access.example,']));
    await requestImportCommit({ ctx: { actor: alice }, input: { accountId: contosoId, importId: found.id } });
    const aliceRow = (await db().select().from(users).where(eq(users.email, EMAIL.alice)))[0]!;
    const userRole = (await db().select().from(roles).where(eq(roles.key, 'user')))[0]!;
    await db().update(users).set({ roleId: userRole.id }).where(eq(users.id, aliceRow.id));
    try {
      await commitImport(found.id);
      expect(await importOf(found.id)).toMatchObject({ status: 'ready', createdCount: 0 });
      expect(await usersWith('access.example')).toEqual([]);
    } finally {
      await db().update(users).set({ roleId: aliceRow.roleId }).where(eq(users.id, aliceRow.id));
    }
  });
});

describe('"Download errors" and the welcome mails afterwards (IMP-5)', () => {
  it('reports only the rows with errors, with their messages, formulas neutralised', async () => {
    const found = await uploadAndParse(alice, contosoId, csv([HEADER, 'Ann,Lee,,ann@report.example,', '=HYPERLINK("x"),,,bad,', '"+1",,,@evil,Boss']));
    const chunks: Buffer[] = [];
    for await (const chunk of errorReport(found, 'en') as Readable) chunks.push(Buffer.from(chunk as Buffer));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values = (row: number) => Array.from({ length: 7 }, (_, i) => sheet.getRow(row).getCell(i + 1).value ?? '');
    expect(values(1)).toEqual(['FIRST NAME', 'LAST NAME', 'NAME', 'EMAIL', 'ROLE', 'ROW', 'ERRORS']);
    expect(sheet.rowCount).toBe(3);
    expect(values(2).slice(0, 6)).toEqual(["'=HYPERLINK(\"x\")", '', '', 'bad', '', 3]);
    expect(values(2)[6]).toBe('EMAIL: Enter a valid e-mail address.');
    expect(values(3)[0]).toBe("'+1");
    expect(values(3)[3]).toBe("'@evil");
    expect(String(values(3)[6])).toContain('ROLE: "Boss" is not a role');
  });

  it('sends welcome mails to exactly the users the import created', async () => {
    const found = await uploadAndParse(alice, contosoId, csv([HEADER, 'Ann,Lee,,ann@welcome.example,', 'Bo,Ek,,bo@welcome.example,']));
    await commit(alice, contosoId, found.id);
    const { notificationId, total } = await requestBulkUsers({ ctx: { actor: alice }, input: { accountId: contosoId, action: 'sendWelcome', userIds: null, importId: found.id } });
    expect(total).toBe(2);
    const [job] = await db().execute<{ data: QueuePayload<'users-bulk'> }>(sql`select data from pgboss.job where name = 'users-bulk' and data->>'notificationId' = ${notificationId}`);
    await runUsersBulk(job!.data);
    const mails = await db().select({ to: mailOutbox.toAddress }).from(mailOutbox).where(eq(mailOutbox.template, 'welcome'));
    const to = mails.map((m) => m.to);
    expect(to.filter((address) => address.endsWith('@welcome.example')).sort()).toEqual(['ann@welcome.example', 'bo@welcome.example']);
    // Another account's admin cannot use this import's id.
    const fabrikamId = (await accountByName('Fabrikam BV')).id;
    const bram = await actorFor(EMAIL.bram);
    expect(await rejection(requestBulkUsers({ ctx: { actor: bram }, input: { accountId: fabrikamId, action: 'sendWelcome', userIds: null, importId: found.id } }))).toMatchObject({ status: 404 });
    expect((await db().select().from(userImports).where(eq(userImports.id, found.id)))[0]!.status).toBe('done');
  });
});
