import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { userImportChunks } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { translator } from '@/lib/i18n/translator';
import { deflated, stored, zeros, zip } from '../../unit/import/read/zip-fixtures';
import { EMAIL, accountByName, actorFor, seed } from '../helpers';
import { storedRows, uploadAndParse, xlsx } from './fixtures';

let alice: Actor;
let contosoId: string;

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  contosoId = (await accountByName('Contoso Ltd')).id;
});

/** Upload + parse of an xlsx that must be refused: the message (in English) and that nothing is kept. */
async function refusedWith(file: Buffer): Promise<string> {
  const found = await uploadAndParse(alice, contosoId, file, 'users.xlsx');
  expect(found).toMatchObject({ status: 'failed', rowCount: 0 });
  expect(await storedRows(found.id)).toEqual([]);
  expect((await db().select({ n: count() }).from(userImportChunks).where(eq(userImportChunks.importId, found.id)))[0]!.n).toBe(0);
  return translator('en')(found.errorKey!, found.errorParams ?? {});
}

describe('xlsx checks through the real commands (F-IMP)', () => {
  it('refuses a zip bomb, naming the unpacked limit', async () => {
    const bomb = { ...deflated('xl/worksheets/sheet1.xml', ''), data: zeros(1024), size: 2_000 };
    const file = zip([deflated('[Content_Types].xml', '<Types/>'), bomb]);
    expect(await refusedWith(file)).toBe('The file unpacks to more than 200 MB. Save it again from your spreadsheet app or split it into smaller files.');
  });

  it('refuses a zip of too many parts, naming the limit', async () => {
    const file = zip(Array.from({ length: 501 }, (_, index) => stored(`xl/media/${index}.txt`, 'x')));
    expect(await refusedWith(file)).toMatch(/^The file consists of more than 500 parts/);
  });

  it('names merged cells over the data, the first five and how many more', async () => {
    const rows = [['EMAIL', 'NAME'], ...Array.from({ length: 10 }, (_, index) => [`u${index}@merged.example`, `U${index}`])];
    const file = await xlsx(rows, (sheet) => {
      for (let row = 2; row <= 8; row++) sheet.mergeCells(`A${row}:B${row}`);
      sheet.mergeCells('D2:E3'); // right of the data: harmless
    });
    expect(await refusedWith(file)).toBe('Cells A2:B2, A3:B3, A4:B4, A5:B5, A6:B6 and 2 more ranges are merged. Unmerge them and upload the file again.');
    const one = await xlsx(rows, (sheet) => sheet.mergeCells('B4:B5'));
    expect(await refusedWith(one)).toBe('Cells B4:B5 are merged. Unmerge them and upload the file again.');
  });
});
