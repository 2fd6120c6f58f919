import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountIntegrations, notifications, type Notification } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { claimGateway } from '@/lib/gateway/claim-gateway';
import { configureGatewayPbx } from '@/lib/gateway/configure-pbx';
import { configureGatewaySite } from '@/lib/gateway/configure-site';
import { requestPbxSync } from '@/lib/gateway/request-sync';
import { startGatewaySimulator, type GatewaySimulator, type GatewaySimulatorOptions } from '../../../simulators/gateway/index.mjs';

/** Onboarding through the real commands, jobs and the gateway simulator (not a test file). */

export const SITE = {
  name: 'Head office',
  address: { street: 'Main Street 1', city: 'London', postalCode: 'EC1A 1BB', province: '', country: 'GB' },
  ethernet: { port1: { mode: 'dhcp' }, port2: { mode: 'disabled' } },
} as const;

export async function waitForNotification(id: string, timeoutMs = 60_000): Promise<Notification> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db().select().from(notifications).where(eq(notifications.id, id));
    if (row && row.status !== 'running') return row;
    if (Date.now() > until) throw new Error(`notification ${id} still running: ${JSON.stringify(row)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function addGatewayIntegration(accountId: string): Promise<void> {
  await db().insert(accountIntegrations).values({ accountId, integrationId: 'cloudlinkGateway', version: 1 }).onConflictDoNothing();
}

export async function startSim(portal: string, options: Partial<GatewaySimulatorOptions> = {}): Promise<GatewaySimulator> {
  const sim = await startGatewaySimulator({ portal, stateFile: null, controlPort: null, claimPollMs: 100, pollWait: 2, flushMs: 50, restartDelayMs: 300, ...options });
  await sim.waitFor((s) => s.gatewayId !== null);
  return sim;
}

/** Claim, site, PBX and Connect (with its first sync); returns the connect notification. */
export async function onboard(actor: Actor, accountId: string, sim: GatewaySimulator, pbxType: string): Promise<Notification> {
  const ctx = { actor };
  await claimGateway({ ctx, input: { accountId, linkCode: sim.linkCode() } });
  await sim.waitFor((s) => s.claimed && s.online);
  const site = await waitForNotification((await configureGatewaySite({ ctx, input: { accountId, site: SITE } })).notificationId);
  if (site.status !== 'success') throw new Error(`site: ${site.titleKey}`);
  if (sim.state().platform === 'standalone') {
    const pbx = await waitForNotification((await configureGatewayPbx({ ctx, input: { accountId, pbx: { type: pbxType, address: '10.0.0.5', username: 'admin', password: 'mitel' } } })).notificationId);
    if (pbx.status !== 'success') throw new Error(`pbx: ${pbx.titleKey}`);
  }
  return waitForNotification((await requestPbxSync({ ctx, input: { accountId, mode: 'connect' } })).notificationId);
}

export async function syncNow(actor: Actor, accountId: string): Promise<Notification> {
  return waitForNotification((await requestPbxSync({ ctx: { actor }, input: { accountId, mode: 'sync' } })).notificationId);
}
