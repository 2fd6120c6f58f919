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
