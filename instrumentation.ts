/** Runs once when the Next.js server starts: validates the configuration and starts the job workers. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('./lib/env');
  const config = env();
  if (config.WORKERS) {
    const { startWorkers } = await import('./lib/jobs/workers');
    await startWorkers();
  }
}

/**
 * Every error a request ran into on the server (pages included, which no code of ours catches):
 * a database that went away marks it down, and the proxy answers "reconnecting" until it is back.
 */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { noteDatabaseError } = await import('./lib/db/health-probe');
  noteDatabaseError(error);
}
