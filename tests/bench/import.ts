/**
 * `npm run bench:import`: the bulk user import (F-IMP) end to end on files of 10,000 and 100,000
 * rows, as CSV and as xlsx. Builds a throwaway database (on DATABASE_URL's server when set, else
 * the embedded PostgreSQL), writes the files to .data/bench-import, then runs the real upload
 * (streamed from disk), the parse job and the commit job in this process and prints, per file:
 * upload, parse + validate, commit, end to end, and this process's peak RSS. Asserts nothing.
 */
import { createReadStream, createWriteStream, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import { sql as q } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import postgres from 'postgres';
import { benchDatabase } from './bench-database';

const SIZES = [10_000, 100_000];
const FORMATS = ['csv', 'xlsx'] as const;
const HEADER = ['FIRST NAME', 'LAST NAME', 'NAME', 'EMAIL', 'ROLE'];
/** About 1% of the rows carry an error (an invalid e-mail), like a real file. */
const row = (i: number, domain: string) => [`First${i}`, `Last${i}`, '', i % 100 === 99 ? `broken${i}` : `user${i}@${domain}`, i % 50 === 0 ? 'Account Admin' : 'User'];

const database = await benchDatabase('import');

const { closeDb, db } = await import('../../db/client');
const { loadActorForJob } = await import('../../lib/auth/load-actor');
const { startImport } = await import('../../lib/import/session/start-import');
const { parseImport } = await import('../../lib/import/session/parse-import');
const { requestImportCommit } = await import('../../lib/import/session/request-commit');
const { commitImport } = await import('../../lib/import/session/commit-import');
const { importCounts } = await import('../../lib/import/session/list-import-rows');
const { stopBoss } = await import('../../lib/jobs/boss');

async function writeFile(file: string, rows: number, format: (typeof FORMATS)[number], domain: string): Promise<void> {
  if (format === 'csv') {
    const out = createWriteStream(file);
    out.write(`${HEADER.join(',')}\r\n`);
    for (let i = 1; i <= rows; i++) if (!out.write(`${row(i, domain).join(',')}\r\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    out.end();
    await finished(out);
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Users');
  sheet.addRow(HEADER).commit();
  for (let i = 1; i <= rows; i++) sheet.addRow(row(i, domain)).commit();
  sheet.commit();
  await workbook.commit();
}

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(8);

try {
  const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
  const [org] = await sql`insert into partner_orgs (name) values ('Bench Partners') returning id`;
  const [partner] = await sql`
    insert into users (partner_org_id, email, display_name, role_id, registered_at)
    values (${org!.id}, 'partner@bench.example', 'Bench Partner', (select id from roles where key = 'partner'), now()) returning id`;
  await sql.end();
  const actor = await loadActorForJob(db(), partner!.id);
  if (!actor) throw new Error('the bench partner has no actor');
  const dir = path.resolve('.data/bench-import');
  mkdirSync(dir, { recursive: true });
  console.log('file                    rows      upload   parse+validate    commit   end to end   peak RSS');

  for (const rows of SIZES) {
    for (const format of FORMATS) {
      const domain = `${format}${rows}.bench.example`;
      const file = path.join(dir, `users-${rows}.${format}`);
      await writeFile(file, rows, format, domain);
      const bytes = statSync(file).size;
      const [account] = await db().execute<{ id: string }>(q`insert into accounts (partner_org_id, name, country) values (${org!.id}, ${`Bench ${format} ${rows}`}, 'NL') returning id`);
      global.gc?.();
      peak = process.memoryUsage().rss;
      const t0 = performance.now();
      const { importId } = await startImport({ ctx: { actor }, input: { accountId: account!.id, fileName: path.basename(file), sizeBytes: bytes }, body: createReadStream(file) });
      const t1 = performance.now();
      await parseImport(importId);
      const t2 = performance.now();
      const counts = await importCounts(db(), importId);
      await requestImportCommit({ ctx: { actor }, input: { accountId: account!.id, importId } });
      await commitImport(importId);
      const t3 = performance.now();
      const label = `${rows.toLocaleString('en')} ${format} (${(bytes / 1024 / 1024).toFixed(1)} MB)`;
      console.log(
        `${label.padEnd(22)} ${String(counts.open).padStart(7)} ${seconds(t1 - t0)} ${seconds(t2 - t1).padStart(16)} ${seconds(t3 - t2).padStart(9)} ${seconds(t3 - t0).padStart(12)} ${`${(peak / 1024 / 1024).toFixed(0)} MB`.padStart(10)}   (${counts.errors} rows with errors kept)`,
      );
    }
  }
} finally {
  clearInterval(sampler);
  await stopBoss();
  await closeDb();
  await database.drop();
}
