/**
 * This process's view of its database: up, or down since when. Kept on globalThis because the
 * proxy, the pages and the instrumentation hook are separate bundles of one process. Set by
 * lib/db/health-probe; no database code here, so the proxy can import it.
 */
const holder = globalThis as typeof globalThis & { __portalDbDownSince?: number | null };

export function databaseDown(): boolean {
  return (holder.__portalDbDownSince ?? null) !== null;
}

/** Marks the database down; false when it already was. */
export function markDatabaseDown(): boolean {
  if (databaseDown()) return false;
  holder.__portalDbDownSince = Date.now();
  return true;
}

export function markDatabaseUp(): void {
  holder.__portalDbDownSince = null;
}
