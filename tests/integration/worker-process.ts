import { spawn, type ChildProcess } from 'node:child_process';

/** `npm run worker` on this test file's database: the real job process, as production runs it. */
export function startWorker(workers: ChildProcess[]): ChildProcess {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/portal.ts', 'worker'], {
    env: { ...process.env, SEED_DEMO: 'off', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
  workers.push(child);
  return child;
}

/** Polls `probe` until `done` holds for its value; fails with the last value after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`gave up waiting; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
