import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { notifications, userImportChunks, userImportRows, userImports } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { MAX_CELL_LENGTH } from '@/lib/import/limits';
import { parseImport, PARSE_BATCH } from '@/lib/import/session/parse-import';
import { NAME_MAX } from '@/lib/users/schemas';
import { EMAIL, accountByName, actorFor, seed } from '../helpers';
import { rejection } from '../users/fixtures';
import { csv, importOf, manyRows, problemsByRow, storedRows, upload, uploadAndParse, xlsx } from './fixtures';

let alice: Actor;
let contosoId: string;
let fabrikamId: string;
const HEADER = 'FIRST NAME,LAST NAME,NAME,EMAIL,ROLE';

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  contosoId = (await accountByName('Contoso Ltd')).id;
  fabrikamId = (await accountByName('Fabrikam BV')).id;
});

describe('parsing an upload into the preview (IMP-2)', () => {
  it('applies every row rule, per cell, with the row numbers of the file', async () => {
    const file = csv([
      HEADER,
      'Ann,Lee,,ann@new.example,', // 2 valid, role empty → User
      ',,,nobody@new.example,', // 3 no name
      'Bob,,,,', // 4 no e-mail
      'Cid,,,not-an-email,', // 5 invalid e-mail
      `Dee,,,${EMAIL.uma},`, // 6 e-mail of a user of this account
      `Eve,,,${EMAIL.sanne.toUpperCase()},`, // 7 e-mail of a user of another account (sign-in names are unique)
      'Fay,,,ANN@new.example,', // 8 duplicate of row 2, case-insensitively
      'Gus,,,gus@new.example,Superuser', // 9 unknown role
      ',,,,', // blank: skipped, but row numbers keep counting
      'Hal,,,hal@new.example,Accountbeheerder', // 11 Dutch label of Account Admin: valid
      `${'x'.repeat(NAME_MAX + 1)},,,ivy@new.example,`, // 12 first name too long
      `Jo,,,${'j'.repeat(MAX_CELL_LENGTH + 1)}@new.example,`, // 13 cell too long
    ]);
    const found = await uploadAndParse(alice, contosoId, file);
    expect(found).toMatchObject({ status: 'ready', rowCount: 11 });
    const problems = await problemsByRow(alice, contosoId, found.id);
    expect(Object.keys(problems).map(Number)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13]);
    const required = { key: 'import.errors.nameRequired' };
    expect(problems).toEqual({
      2: {},
      3: { firstName: [required], lastName: [required], name: [required] },
      4: { email: [{ key: 'import.errors.emailRequired' }] },
      5: { email: [{ key: 'import.errors.invalidEmail' }] },
      6: { email: [{ key: 'import.errors.emailInUse' }] },
      7: { email: [{ key: 'import.errors.emailInUse' }] },
      8: { email: [{ key: 'import.errors.duplicateInFile', params: { row: 2 } }] },
      9: { role: [{ key: 'import.errors.invalidRole', params: { value: 'Superuser' } }] },
      11: {},
      12: { firstName: [{ key: 'import.errors.tooLong', params: { max: NAME_MAX } }] },
      13: { email: [{ key: 'import.errors.cellTooLong', params: { max: MAX_CELL_LENGTH } }] },
    });
    const stored = await storedRows(found.id);
    expect(stored.find((row) => row.rowNumber === 11)).toMatchObject({ role: 'Accountbeheerder', roleKey: 'admin', hasError: false });
    expect(stored.find((row) => row.rowNumber === 2)).toMatchObject({ roleKey: 'user', emailKey: 'ann@new.example' });
    // The file is dropped once read; the progress notification ends with the counts.
    expect((await db().select({ n: count() }).from(userImportChunks).where(eq(userImportChunks.importId, found.id)))[0]!.n).toBe(0);
    const [note] = await db().select().from(notifications).where(eq(notifications.id, found.notificationId!));
    expect(note).toMatchObject({ status: 'success', progress: 100, titleKey: 'import.progress.ready', params: { file: 'users.csv', count: 11, errors: 9 } });
  });

  it('reads a Dutch semicolon CSV (UTF-8 with BOM) and an xlsx the same way', async () => {
    const dutch = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv(['VOORNAAM,ACHTERNAAM,E-MAIL,ROL', 'Joost,de Vries,joost@nl.example,Gebruiker', 'Mies,Bakker,mies@nl.example,Accountbeheerder'], ';')]);
    const fromCsv = await uploadAndParse(alice, contosoId, dutch, 'gebruikers.csv');
    expect(fromCsv).toMatchObject({ status: 'ready', rowCount: 2 });
    expect((await storedRows(fromCsv.id)).map((row) => [row.firstName, row.lastName, row.email, row.roleKey, row.hasError])).toEqual([
      ['Joost', 'de Vries', 'joost@nl.example', 'user', false],
      ['Mies', 'Bakker', 'mies@nl.example', 'admin', false],
    ]);
    const book = await xlsx([['E-MAIL', 'NAAM'], ['kees@nl.example', 'Kees'], [null, null], ['kees@nl.example', 'Kees 2']]);
    const fromXlsx = await uploadAndParse(alice, contosoId, book, 'gebruikers.xlsx');
    expect(await problemsByRow(alice, contosoId, fromXlsx.id)).toEqual({ 2: {}, 4: { email: [{ key: 'import.errors.duplicateInFile', params: { row: 2 } }] } });
  });

  it.each<[string, () => Promise<Buffer>, string, object]>([
    ['a header row without EMAIL', async () => csv(['FIRST NAME,LAST NAME', 'a,b']), 'import.header.missingEmail', {}],
    ['a header row without a name column', async () => csv(['EMAIL,ROLE', 'a@b.example,User']), 'import.header.noNameColumn', {}],
    ['an unknown column', async () => csv(['EMAIL,NAME,SHOE SIZE', 'a@b.example,A,42']), 'import.header.unknownColumn', { header: 'SHOE SIZE', column: 3 }],
    ['a repeated column', async () => csv(['EMAIL,NAME,E-MAIL', 'a@b.example,A,b@b.example']), 'import.header.duplicateColumn', { column: 3 }],
    ['a header row without data', async () => csv([HEADER]), 'import.file.noRows', {}],
    ['a binary file', async () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]), 'import.file.notSpreadsheet', {}],
    ['a legacy .xls', async () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]), 'import.file.notSpreadsheet', {}],
    ['a workbook with a hidden first sheet', async () => {
      const workbook = new (await import('exceljs')).default.Workbook();
      workbook.addWorksheet('Users', { state: 'hidden' }).addRow(['EMAIL', 'NAME']);
      workbook.addWorksheet('Other').addRow(['EMAIL', 'NAME']);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    }, 'import.file.hiddenSheet', {}],
    ['merged cells, naming them', async () => xlsx([['EMAIL', 'NAME'], ['a@b.example', 'A']], (sheet) => sheet.mergeCells('A2:B2')), 'import.file.mergedCells', { cells: 'A2:B2' }],
    ['a formula without a value', async () => xlsx([['EMAIL', 'NAME']], (sheet) => {
      sheet.getCell('A2').value = { formula: 'B2&"@x.example"' } as never;
    }), 'import.file.formula', { cell: 'A2' }],
  ])('refuses %s with one message and keeps no row', async (_case, make, key, params) => {
    const file = await make();
    const found = await uploadAndParse(alice, contosoId, file, file[0] === 0x50 ? 'users.xlsx' : 'users.csv');
    expect(found).toMatchObject({ status: 'failed', errorKey: key, errorParams: params, rowCount: 0 });
    expect(await storedRows(found.id)).toEqual([]);
    expect((await db().select({ n: count() }).from(userImportChunks).where(eq(userImportChunks.importId, found.id)))[0]!.n).toBe(0);
    const [note] = await db().select().from(notifications).where(eq(notifications.id, found.notificationId!));
    expect(note).toMatchObject({ status: 'error', titleKey: 'import.progress.failed' });
  });

  it('refuses an empty or oversized upload before storing anything', async () => {
    const before = (await db().select({ n: count() }).from(userImports))[0]!.n;
    expect(await rejection(upload(alice, contosoId, Buffer.alloc(0)))).toBeInstanceOf(ValidationError);
    const declared = await rejection(upload(alice, contosoId, csv([HEADER]), 'big.csv', 21 * 1024 * 1024));
    expect(declared).toMatchObject({ messageKey: 'import.file.tooLarge', status: 413, params: { max: '20 MB' } });
    // A body bigger than it said is counted as it streams, and the partial import is removed.
    const lying = await rejection(upload(alice, contosoId, Buffer.alloc(21 * 1024 * 1024, 0x41), 'big.csv', 100));
    expect(lying).toBeInstanceOf(DomainError);
    expect((lying as DomainError).status).toBe(413);
    expect((await db().select({ n: count() }).from(userImports))[0]!.n).toBe(before);
    expect((await db().select({ n: count() }).from(userImportChunks))[0]!.n).toBe(0);
  });

  it('lets account admins import only into their own account, and plain users not at all', async () => {
    const file = csv([HEADER, 'A,B,,ab@x.example,']);
    expect(await rejection(upload(alice, fabrikamId, file))).toBeInstanceOf(NotFoundError);
    expect(await rejection(upload(await actorFor(EMAIL.uma), contosoId, file))).toBeInstanceOf(ForbiddenError);
    const partner = await actorFor(EMAIL.partner);
    expect(await uploadAndParse(partner, fabrikamId, file)).toMatchObject({ status: 'ready', accountId: fabrikamId });
  });

  it('resumes an interrupted parse after the last stored batch, without storing a row twice', async () => {
    const total = 2 * PARSE_BATCH + 500;
    const importId = await upload(alice, contosoId, csv([HEADER, ...manyRows(total, 'resume.example')]));
    // The worker dies while storing the second batch: a trigger fails that batch's transaction.
    await db().execute(sql`
      create function fail_second_batch() returns trigger language plpgsql as $$
      begin if new.row_count > ${sql.raw(String(PARSE_BATCH))} then raise exception 'worker died'; end if; return new; end $$`);
    await db().execute(sql`create trigger fail_second_batch before update on user_imports for each row execute function fail_second_batch()`);
    await expect(parseImport(importId)).rejects.toThrow();
    await db().execute(sql`drop trigger fail_second_batch on user_imports`);
    await db().execute(sql`drop function fail_second_batch()`);
    const stored = await storedRows(importId);
    expect(stored).toHaveLength(PARSE_BATCH);
    // Marks a stored row: a resume that re-inserted the first batch would not keep the mark.
    await db().update(userImportRows).set({ name: 'kept' }).where(eq(userImportRows.rowNumber, 2));

    await parseImport(importId); // pg-boss retries the job
    const found = await importOf(importId);
    expect(found).toMatchObject({ status: 'ready', rowCount: total });
    const rows = await storedRows(importId);
    expect(rows).toHaveLength(total);
    expect(rows[0]).toMatchObject({ rowNumber: 2, name: 'kept' });
    expect(rows.at(-1)).toMatchObject({ rowNumber: total + 1, email: `user${total}@resume.example` });
  });
});
