import { Readable } from 'node:stream';
import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { userImportChunks, userImports } from '@/db/schema';
import type { SignedInUser } from '@/lib/auth/load-actor';
import { loadSignedInUser } from '@/lib/auth/load-actor';
import type { Actor } from '@/lib/authz/types';
import { DomainError } from '@/lib/errors';
import { translator } from '@/lib/i18n/translator';
import { MAX_DATA_ROWS, MAX_FILE_BYTES } from '@/lib/import/limits';
import { parseImport } from '@/lib/import/session/parse-import';
import { startImport } from '@/lib/import/session/start-import';
import { EMAIL, accountByName, actorFor, seed, userByEmail } from '../helpers';
import { rejection } from '../users/fixtures';
import { csv, importOf, manyRows, upload } from './fixtures';

// The upload route reads the session: it answers with Alice, as a signed-in request would.
const session = vi.hoisted(() => ({ current: null as SignedInUser | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => session.current, currentLocale: async () => 'en' }));
const { POST } = await import('@/app/api/upload/user-imports/[accountId]/route');

let alice: Actor;
let contosoId: string;
const HEADER = 'FIRST NAME,LAST NAME,NAME,EMAIL,ROLE';
const MB = 1024 * 1024;

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  session.current = await loadSignedInUser(db(), (await userByEmail(EMAIL.alice)).id, 'any');
  contosoId = (await accountByName('Contoso Ltd')).id;
});

const rowsOf = async (table: typeof userImports | typeof userImportChunks) => (await db().select({ n: count() }).from(table))[0]!.n;

/** `total` bytes of CSV-ish text (long lines, far fewer than the row limit) in 64 KiB pieces, counting how many were pulled. */
function body(total: number): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  const piece = Buffer.alloc(64 * 1024, `${'a'.repeat(998)}\r\n`);
  const stream = Readable.from(
    (function* () {
      for (; pulled < total; pulled += piece.length) yield piece;
    })(),
    { objectMode: false },
  );
  return { stream, pulled: () => pulled };
}

describe('file limits, end to end (F-IMP)', () => {
  it('refuses a 25 MB upload while it streams, naming 20 MB, and keeps nothing', async () => {
    const [imports, chunks] = [await rowsOf(userImports), await rowsOf(userImportChunks)];
    const { stream, pulled } = body(25 * MB);
    // A chunked upload declares no size: only counting the stream can stop it.
    const error = await rejection(startImport({ ctx: { actor: alice }, input: { accountId: contosoId, fileName: 'big.csv' }, body: stream }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ status: 413, messageKey: 'import.file.tooLarge', params: { max: '20 MB' } });
    const { messageKey, params } = error as DomainError;
    expect(translator('en')(messageKey, params)).toBe('The file is larger than 20 MB. Split it into smaller files.');
    expect(pulled()).toBeLessThanOrEqual(MAX_FILE_BYTES + 64 * 1024);
    expect([await rowsOf(userImports), await rowsOf(userImportChunks)]).toEqual([imports, chunks]);
  });

  it('answers a declared Content-Length over the limit with 413 before reading the body', async () => {
    const imports = await rowsOf(userImports);
    let pulls = 0;
    // highWaterMark 0: the stream is asked for data only when someone reads it.
    const stream = new ReadableStream<Uint8Array>({ pull: (controller) => void (pulls++, controller.enqueue(new Uint8Array(64 * 1024))) }, { highWaterMark: 0 });
    const request = new Request(`http://localhost:3000/api/upload/user-imports/${contosoId}`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { 'x-file-name': 'big.csv', 'content-length': String(25 * MB), origin: 'http://localhost:3000', host: 'localhost:3000' },
    } as RequestInit);
    const response = await POST(request, { params: Promise.resolve({ accountId: contosoId }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'import.file.tooLarge', message: 'The file is larger than 20 MB. Split it into smaller files.' });
    expect(pulls).toBe(0);
    expect(await rowsOf(userImports)).toBe(imports);
  });

  it('refuses a 300,000-row CSV while it uploads, naming 200,000 in every locale, and keeps nothing', async () => {
    const file = csv([HEADER, ...manyRows(300_000, 'limits.example')]);
    expect(file.length).toBeLessThan(MAX_FILE_BYTES);
    const imports = await rowsOf(userImports);
    const chunks = await rowsOf(userImportChunks);
    const error = await rejection(upload(alice, contosoId, file));
    expect(error).toMatchObject({ status: 413, messageKey: 'import.file.tooManyRows', params: { max: MAX_DATA_ROWS } });
    const { messageKey, params } = error as DomainError;
    expect(translator('en')(messageKey, params)).toBe('The file has more than 200,000 rows. Split it into smaller files.');
    expect(translator('de')(messageKey, params)).toContain('200.000');
    expect(translator('fr')(messageKey, params)).toMatch(/200\s000/);
    expect([await rowsOf(userImports), await rowsOf(userImportChunks)]).toEqual([imports, chunks]);
  });

  it('takes exactly 200,000 rows (blank lines not counted), and the parse stores them all', async () => {
    const file = csv([HEADER, ...manyRows(MAX_DATA_ROWS, 'at-limit.example'), ',,,,', '', '" ",""']);
    const importId = await upload(alice, contosoId, file);
    await parseImport(importId);
    expect(await importOf(importId)).toMatchObject({ status: 'ready', rowCount: MAX_DATA_ROWS });
  }, 240_000);
});
