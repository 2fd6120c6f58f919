import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, gateways, type Gateway } from '@/db/schema';
import { pbx } from '@/lib/adapters/pbx';
import { openSecret } from '@/lib/crypto/secret-box';
import { ConflictError } from '@/lib/errors';
import type { QueuePayload } from '@/lib/jobs/queues';
import { PBX_NAMES } from '../sync/capacity';
import { latestGatewayVersion } from '../release';
import { runSync } from '../sync/run-sync';

type Task = QueuePayload<'gateway-task'>['task'];
export interface TaskOutcome {
  params: Record<string, string | number>;
  /** Shown with the notification (logs, a call trace). */
  details?: string;
  audit: Record<string, unknown>;
}

const now = () => new Date();

async function update(gateway: Gateway, values: Partial<typeof gateways.$inferInsert>): Promise<void> {
  await db().update(gateways).set({ ...values, errorKey: null, errorParams: null, updatedAt: now() }).where(eq(gateways.id, gateway.id));
}

function syncParams(s: Awaited<ReturnType<typeof runSync>>) {
  return { created: s.created, updated: s.updated, inactivated: s.inactivated, skipped: s.skippedCount };
}

/** Does one task through the PBX adapter and stores what it changed on the gateway. */
export async function performTask(task: Task, gateway: Gateway & { accountId: string }, progress: (percent: number) => Promise<void>): Promise<TaskOutcome> {
  const ref = { id: gateway.id, accountId: gateway.accountId };
  switch (task.kind) {
    case 'linkSite': {
      if (!gateway.site) throw new ConflictError('gateway.errors.noSite');
      await pbx.linkSite(ref, gateway.site);
      await update(gateway, { siteLinkedAt: now() });
      return { params: { site: gateway.site.name }, audit: { siteLinked: true, site: gateway.site.name } };
    }
    case 'configurePbx': {
      if (!gateway.pbxType || !gateway.pbxAddress || !gateway.pbxUsername || !gateway.pbxPasswordSealed) throw new ConflictError('gateway.errors.pbxNotConfigured');
      const answer = await pbx.configurePbx(ref, { type: gateway.pbxType, address: gateway.pbxAddress, username: gateway.pbxUsername, password: openSecret(gateway.pbxPasswordSealed) });
      await update(gateway, { pbxLinkedAt: now(), pbxVersion: answer.pbxVersion ?? null });
      return { params: { pbx: PBX_NAMES[gateway.pbxType] }, audit: { pbxLinked: true, pbxType: gateway.pbxType, pbxAddress: gateway.pbxAddress } };
    }
    case 'connect': {
      const test = await pbx.testConnection(ref);
      // On SMBC the PBX is the controller's own: its type comes from the gateway.
      const pbxType = gateway.pbxType ?? test.pbxType;
      await update(gateway, { connectedAt: now(), pbxType, pbxVersion: test.pbxVersion, ...(gateway.platform === 'smbc' ? { pbxLinkedAt: gateway.pbxLinkedAt ?? now() } : {}) });
      await db().update(accounts).set({ pbxType: PBX_NAMES[pbxType] }).where(eq(accounts.id, gateway.accountId));
      await progress(10);
      const summary = await runSync(gateway.accountId, (p) => progress(10 + Math.floor(p * 0.9)));
      return { params: syncParams(summary), audit: { connected: true, pbxType, sync: syncParams(summary) } };
    }
    case 'sync': {
      const summary = await runSync(gateway.accountId, progress);
      return { params: syncParams(summary), audit: { sync: syncParams(summary) } };
    }
    case 'fetchLogs': {
      const logs = await pbx.fetchLogs(ref, task.logKind);
      return { params: { kind: task.logKind, lines: logs.lines.length }, details: logs.lines.slice(-2000).join('\n'), audit: { logsViewed: task.logKind } };
    }
    case 'callTrace': {
      const trace = await pbx.callTrace(ref, task.extension, task.seconds);
      const details = trace.entries.map((e) => `${e.at}  ${e.event}  ${e.detail}`).join('\n');
      return { params: { extension: task.extension, entries: trace.entries.length }, details, audit: { callTrace: task.extension, seconds: task.seconds } };
    }
    case 'restart': {
      await pbx.restart(ref);
      return { params: {}, audit: { restarted: true } };
    }
    case 'scheduleUpdate': {
      const version = latestGatewayVersion();
      const answer = await pbx.scheduleUpdate(ref, version, task.at);
      await update(gateway, { scheduledUpdate: { version, at: answer.scheduledFor } });
      return { params: { version, at: answer.scheduledFor }, audit: { scheduledUpdate: { version, at: answer.scheduledFor } } };
    }
    case 'performUpdate': {
      const version = latestGatewayVersion();
      const answer = await pbx.performUpdate(ref, version);
      await update(gateway, { softwareVersion: answer.softwareVersion, scheduledUpdate: null });
      return { params: { version: answer.softwareVersion }, audit: { softwareVersion: answer.softwareVersion, before: gateway.softwareVersion } };
    }
  }
}
