import 'server-only';
import { sql } from 'drizzle-orm';
import { db, renewPools } from '@/db/client';
import { markDatabaseDown, markDatabaseUp } from './health';
import { isDatabaseUnavailable } from './unavailable';

/** How often a database marked down is tried again, and how long one try may take. */
const PROBE_MS = 1_000;
const PROBE_TIMEOUT_MS = 2_000;

/** One `select 1` within PROBE_TIMEOUT_MS. */
export async function databaseAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS)));
  try {
    await Promise.race([db().execute(sql`select 1`), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function probeUntilUp(): void {
  const attempt = async () => {
    if (await databaseAnswers()) {
      renewPools();
      markDatabaseUp();
    }
    else setTimeout(() => void attempt(), PROBE_MS).unref();
  };
  setTimeout(() => void attempt(), PROBE_MS).unref();
}

/**
 * Called with any error a request ran into: a connection-level failure marks the database down
 * (the proxy then answers page requests with "reconnecting" instead of rendering them into
 * errors) until a probe gets an answer again.
 */
export function noteDatabaseError(error: unknown): void {
  if (isDatabaseUnavailable(error) && markDatabaseDown()) probeUntilUp();
}
