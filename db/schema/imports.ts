import { type SQL, sql } from 'drizzle-orm';
import { boolean, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, partnerOrgs } from './tenancy';
import { users } from './identity';
import type { TextEncoding } from '../../lib/import/read/encoding';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * uploading → parsing → ready ⇄ committing → (ready while error rows remain | done); a file that
 * cannot be read ends in failed. Cancel deletes the import (and its rows) instead.
 */
export const importStatus = pgEnum('import_status', ['uploading', 'parsing', 'ready', 'committing', 'done', 'failed']);

/** One bulk user import (F-IMP): the uploaded file, the job's progress and its outcome. */
export const userImports = pgTable(
  'user_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerOrgId: uuid('partner_org_id')
      .notNull()
      .references(() => partnerOrgs.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    fileBytes: integer('file_bytes').notNull(),
    /**
     * How a CSV's text is decoded, decided once over the whole upload (so a resumed parse reads it
     * the same way); NULL for an xlsx.
     */
    encoding: text('encoding').$type<TextEncoding>(),
    status: importStatus('status').notNull().default('uploading'),
    /** Parse progress: bytes of the file read so far (the row count is unknown until the end). */
    bytesRead: integer('bytes_read').notNull().default(0),
    /** Data rows read from the file (blank rows not counted). */
    rowCount: integer('row_count').notNull().default(0),
    /** Rows the running commit set out to create, and how many of them are done. */
    commitTotal: integer('commit_total').notNull().default(0),
    commitDone: integer('commit_done').notNull().default(0),
    /** Users created by this import so far, over every Upload. */
    createdCount: integer('created_count').notNull().default(0),
    /** Why the file was refused as a whole: an 'import.file.*' / 'import.header.*' key and its values. */
    errorKey: text('error_key'),
    errorParams: jsonb('error_params').$type<Record<string, string | number>>(),
    /** The uploader's progress notification (SHELL-4) of the running job. */
    notificationId: uuid('notification_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('user_imports_account_idx').on(t.accountId, t.createdAt), index('user_imports_created_by_idx').on(t.createdBy)],
);

/**
 * The uploaded file in 1 MiB pieces, so the parse job streams it (and a retry re-reads it) without
 * holding the whole file; deleted when the import is done or cancelled.
 */
export const userImportChunks = pgTable(
  'user_import_chunks',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => userImports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);

export type StoredRowErrors = Record<string, { key: string; params?: Record<string, string | number> }[]>;

/**
 * The preview (IMP-2/IMP-3): one row per data row, with the cells as the file (or an edit) gave
 * them. `errors` holds the row's own problems; whether the e-mail repeats an earlier row
 * (`duplicate_of`) or belongs to an existing user (`in_use`) depends on other rows and is kept
 * up to date by SQL over `email_key`. A created row keeps its user id and leaves the preview.
 */
export const userImportRows = pgTable(
  'user_import_rows',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => userImports.id, { onDelete: 'cascade' }),
    /** The row's number in the spreadsheet (header = 1); added rows continue after the last. */
    rowNumber: integer('row_number').notNull(),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    name: text('name').notNull().default(''),
    email: text('email').notNull().default(''),
    role: text('role').notNull().default(''),
    /** The role the ROLE cell names ('user' | 'admin'), NULL when it names none. */
    roleKey: text('role_key'),
    /** Lower-cased e-mail when it is well-formed, else NULL (then no uniqueness rule applies). */
    emailKey: text('email_key'),
    errors: jsonb('errors').$type<StoredRowErrors>(),
    duplicateOf: integer('duplicate_of'),
    inUse: boolean('in_use').notNull().default(false),
    createdUserId: uuid('created_user_id'),
    hasError: boolean('has_error')
      .notNull()
      .generatedAlwaysAs((): SQL => sql`(${userImportRows.errors} is not null or ${userImportRows.duplicateOf} is not null or ${userImportRows.inUse})`),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.rowNumber] }),
    index('user_import_rows_email_idx').on(t.importId, t.emailKey),
    index('user_import_rows_open_idx').on(t.importId, t.hasError, t.rowNumber).where(sql`${t.createdUserId} is null`),
  ],
);

export type UserImport = typeof userImports.$inferSelect;
export type UserImportRow = typeof userImportRows.$inferSelect;
