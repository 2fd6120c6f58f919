import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { userImportRows, userImports, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { cancelImport } from '@/lib/import/session/cancel-import';
import { addImportRow, deleteImportRow, editImportRow } from '@/lib/import/session/edit-rows';
import { listImportRows } from '@/lib/import/session/list-import-rows';
import { EMAIL, accountByName, actorFor, seed } from '../helpers';
import { rejection } from '../users/fixtures';
import { csv, manyRows, problemsByRow, storedRows, uploadAndParse } from './fixtures';

let alice: Actor;
let contosoId: string;
const HEADER = 'FIRST NAME,LAST NAME,NAME,EMAIL,ROLE';
const cells = (changes: Partial<Record<'firstName' | 'lastName' | 'name' | 'email' | 'role', string>>) => ({ firstName: 'Ann', lastName: 'Lee', name: '', email: 'ann@edit.example', role: '', ...changes });

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  contosoId = (await accountByName('Contoso Ltd')).id;
});

const dupFile = () => csv([HEADER, 'Ann,Lee,,dup@edit.example,', 'Bo,Ek,,dup@edit.example,', 'Cy,Oz,,DUP@edit.example,', 'Di,Ma,,bad-email,Boss']);

describe('editing the preview (IMP-3)', () => {
  it('re-validates an edited row and the rows that shared its old or new e-mail', async () => {
    const found = await uploadAndParse(alice, contosoId, dupFile());
    const ref = { accountId: contosoId, importId: found.id };
    const dup = (row: number) => ({ email: [{ key: 'import.errors.duplicateInFile', params: { row } }] });
    expect(await problemsByRow(alice, contosoId, found.id)).toMatchObject({ 2: {}, 3: dup(2), 4: dup(2) });

    // Fixing the first occurrence: row 3 becomes the first, row 4 now repeats row 3.
    const edited = await editImportRow({ ctx: { actor: alice }, input: { ...ref, rowNumber: 2, cells: cells({ email: 'ann@edit.example' }) } });
    expect(edited.problems).toEqual({});
    expect(await problemsByRow(alice, contosoId, found.id)).toMatchObject({ 2: {}, 3: {}, 4: dup(3) });

    // Fixing row 5 (invalid e-mail and role); the role can be any language's label.
    const fixed = await editImportRow({ ctx: { actor: alice }, input: { ...ref, rowNumber: 5, cells: cells({ firstName: 'Di', email: 'di@edit.example', role: 'Administrateur de compte' }) } });
    expect(fixed.problems).toEqual({});
    expect((await storedRows(found.id)).find((row) => row.rowNumber === 5)).toMatchObject({ roleKey: 'admin', hasError: false, firstName: 'Di' });

    // Editing an e-mail into one that exists already, and clearing every name.
    const broken = await editImportRow({ ctx: { actor: alice }, input: { ...ref, rowNumber: 2, cells: cells({ firstName: '', lastName: '', email: EMAIL.uma }) } });
    expect(broken.problems).toEqual({
      firstName: [{ key: 'import.errors.nameRequired' }],
      lastName: [{ key: 'import.errors.nameRequired' }],
      name: [{ key: 'import.errors.nameRequired' }],
      email: [{ key: 'import.errors.emailInUse' }],
    });
  });

  it('deleting a first occurrence clears the duplicate error of the next; adding a row starts it with its errors', async () => {
    const found = await uploadAndParse(alice, contosoId, dupFile());
    const ref = { accountId: contosoId, importId: found.id };
    await deleteImportRow({ ctx: { actor: alice }, input: { ...ref, rowNumber: 2 } });
    expect(await problemsByRow(alice, contosoId, found.id)).toMatchObject({ 3: {}, 4: { email: [{ key: 'import.errors.duplicateInFile', params: { row: 3 } }] } });
    expect(await rejection(deleteImportRow({ ctx: { actor: alice }, input: { ...ref, rowNumber: 2 } }))).toBeInstanceOf(NotFoundError);

    const added = await addImportRow({ ctx: { actor: alice }, input: ref });
    expect(added.rowNumber).toBe(6);
    expect(added.problems).toMatchObject({ name: [{ key: 'import.errors.nameRequired' }], email: [{ key: 'import.errors.emailRequired' }] });
    // The UI jumps to the page that starts with the new row.
    expect((await listImportRows(db(), alice, ref, { cursor: added.cursor })).rows.map((row) => row.rowNumber)).toEqual([6]);
    await editImportRow({ ctx: { actor: alice }, input: { ...ref, rowNumber: 6, cells: cells({ name: 'Reception', firstName: '', lastName: '', email: 'desk@edit.example' }) } });
    expect((await problemsByRow(alice, contosoId, found.id))[6]).toEqual({});
  });

  it('pages in file order and filters the rows with errors', async () => {
    const found = await uploadAndParse(alice, contosoId, csv([HEADER, ...manyRows(60, 'page.example'), ',,,,', 'x,,,bad,', 'y,,,bad2,']));
    const ref = { accountId: contosoId, importId: found.id };
    const first = await listImportRows(db(), alice, ref, { size: '25' });
    expect(first.rows.map((row) => row.rowNumber)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    expect(first).toMatchObject({ total: 62, counts: { open: 62, errors: 2 } });
    const second = await listImportRows(db(), alice, ref, { size: '25', cursor: first.nextCursor! });
    expect(second.rows[0]!.rowNumber).toBe(27);
    const errors = await listImportRows(db(), alice, ref, { show: 'errors' });
    expect(errors.rows.map((row) => row.rowNumber)).toEqual([63, 64]);
    expect(errors.total).toBe(2);
    expect(errors.nextCursor).toBeNull();
  });

  it('refuses bad input, other admins and other accounts', async () => {
    const found = await uploadAndParse(alice, contosoId, dupFile());
    const ref = { accountId: contosoId, importId: found.id };
    expect(await rejection(editImportRow({ ctx: { actor: alice }, input: { ...ref, rowNumber: 2, cells: { email: 'x' } } }))).toBeInstanceOf(ValidationError);
    expect(await rejection(editImportRow({ ctx: { actor: alice }, input: { ...ref, rowNumber: 99, cells: cells({}) } }))).toBeInstanceOf(NotFoundError);
    // An import is its uploader's draft; the partner of the account does not reach it either.
    const partner = await actorFor(EMAIL.partner);
    expect(await rejection(listImportRows(db(), partner, ref, {}))).toBeInstanceOf(NotFoundError);
    const fabrikamId = (await accountByName('Fabrikam BV')).id;
    expect(await rejection(listImportRows(db(), alice, { accountId: fabrikamId, importId: found.id }, {}))).toBeInstanceOf(NotFoundError);
    expect(await rejection(editImportRow({ ctx: { actor: await actorFor(EMAIL.bram) }, input: { accountId: fabrikamId, importId: found.id, rowNumber: 2, cells: cells({}) } }))).toBeInstanceOf(NotFoundError);
  });
});

describe('cancelling an import (IMP-4)', () => {
  it('drops the import and its rows and creates no user', async () => {
    const usersBefore = (await db().select({ n: count() }).from(users))[0]!.n;
    const found = await uploadAndParse(alice, contosoId, csv([HEADER, 'Ann,Lee,,ann@cancel.example,']));
    await cancelImport({ ctx: { actor: alice }, input: { accountId: contosoId, importId: found.id } });
    expect(await db().select().from(userImports).where(eq(userImports.id, found.id))).toEqual([]);
    expect(await db().select().from(userImportRows).where(eq(userImportRows.importId, found.id))).toEqual([]);
    expect((await db().select({ n: count() }).from(users))[0]!.n).toBe(usersBefore);
  });

  it('is refused while the users are being created', async () => {
    const found = await uploadAndParse(alice, contosoId, csv([HEADER, 'Ann,Lee,,ann@busy.example,']));
    await db().update(userImports).set({ status: 'committing' }).where(eq(userImports.id, found.id));
    const refused = await rejection(cancelImport({ ctx: { actor: alice }, input: { accountId: contosoId, importId: found.id } }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ messageKey: 'import.errors.busy' });
    const edit = await rejection(editImportRow({ ctx: { actor: alice }, input: { accountId: contosoId, importId: found.id, rowNumber: 2, cells: cells({}) } }));
    expect(edit).toMatchObject({ messageKey: 'import.errors.notEditable' });
  });
});
