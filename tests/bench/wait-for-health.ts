import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Waits until a portal the benchmark started answers /api/health (at most 5 minutes), or it exits. */
export async function waitForHealth(child: ChildProcess, base: string): Promise<void> {
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('the portal exited before serving');
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (i > 1200) throw new Error('the portal did not answer /api/health within 5 minutes');
    await sleep(250);
  }
}
