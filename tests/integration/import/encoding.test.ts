import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/authz/types';
import { EMAIL, accountByName, actorFor, seed } from '../helpers';
import { csv, manyRows, storedRows, uploadAndParse, xlsx } from './fixtures';

let alice: Actor;
let contosoId: string;
const HEADER = 'FIRST NAME,LAST NAME,NAME,EMAIL,ROLE';

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  contosoId = (await accountByName('Contoso Ltd')).id;
});

/** The file as Excel's plain "CSV" saves it on Western European Windows (Windows-1252). */
const windows1252 = (lines: string[]) => Buffer.from(csv(lines).toString('utf8'), 'latin1');

describe('the text encoding of a CSV upload (F-IMP)', () => {
  it('reads a Windows-1252 CSV with its accents, and keeps the encoding on the import', async () => {
    const file = windows1252([HEADER, 'Zoë,Müller,,zoe@cp1252.example,', 'François,Ångström,,francois@cp1252.example,Utilisateur']);
    const found = await uploadAndParse(alice, contosoId, file);
    expect(found).toMatchObject({ status: 'ready', rowCount: 2, encoding: 'windows-1252' });
    expect((await storedRows(found.id)).map((row) => [row.firstName, row.lastName, row.roleKey, row.hasError])).toEqual([
      ['Zoë', 'Müller', 'user', false],
      ['François', 'Ångström', 'user', false],
    ]);
  });

  it('decides over the whole file: one Windows-1252 byte in the last of 3,000 rows', async () => {
    const file = windows1252([HEADER, ...manyRows(3_000, 'late.example'), 'Noël,Lefèvre,,noel@late.example,']);
    expect(file.indexOf(0xeb)).toBeGreaterThan(100_000);
    const found = await uploadAndParse(alice, contosoId, file);
    expect(found).toMatchObject({ status: 'ready', rowCount: 3_001, encoding: 'windows-1252' });
    expect((await storedRows(found.id)).at(-1)).toMatchObject({ firstName: 'Noël', lastName: 'Lefèvre', hasError: false });
  });

  it('reads UTF-8 as UTF-8, with or without a BOM, and has no encoding for an xlsx', async () => {
    const utf8 = csv([HEADER, 'Zoë,Müller,,zoe@utf8.example,']);
    for (const file of [utf8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])]) {
      const found = await uploadAndParse(alice, contosoId, file);
      expect(found).toMatchObject({ status: 'ready', encoding: 'utf-8' });
      expect((await storedRows(found.id))[0]).toMatchObject({ firstName: 'Zoë', lastName: 'Müller' });
    }
    const book = await xlsx([['EMAIL', 'NAME'], ['zoe@xlsx.example', 'Zoë']]);
    expect(await uploadAndParse(alice, contosoId, book, 'users.xlsx')).toMatchObject({ status: 'ready', encoding: null });
  });
});
