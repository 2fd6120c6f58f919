import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { gateways, pbxUserStates, pbxUsers, users, type Gateway, type GatewaySite, type SyncSummary } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { z } from 'zod';
import { gatewayStatus, type GatewayStatus } from './status';
import { loadAccountGateway } from './scope';

/** What the integration row needs of the gateway (GW-1 status, GW-5 removal). */
export interface GatewaySummary extends GatewayStatus {
  model: Gateway['model'];
  platform: Gateway['platform'];
}

export async function gatewaySummary(q: DbOrTx, accountId: string, setupDone: boolean): Promise<GatewaySummary | null> {
  const [g] = await q.select().from(gateways).where(eq(gateways.accountId, accountId)).limit(1);
  return g ? { ...gatewayStatus(g, setupDone), model: g.model, platform: g.platform } : null;
}

/** The onboarding wizard's view (GW-2). Secrets never leave: the PBX password only as "set". */
export interface GatewayWizardView {
  account: { id: string; name: string; address: { street: string; city: string; postalCode: string; province: string; country: string } };
  setupDone: boolean;
  status: GatewayStatus;
  gateway: {
    hardwareId: string;
    model: Gateway['model'];
    platform: Gateway['platform'];
    softwareVersion: string;
    availableVersion: string | null;
    scheduledUpdate: Gateway['scheduledUpdate'];
    lastSeenAt: string | null;
    site: GatewaySite | null;
    pbx: { type: Gateway['pbxType']; address: string | null; username: string | null; passwordSet: boolean; version: string | null };
    syncIntervalMinutes: number;
    nextSyncAt: string | null;
    lastSync: SyncSummary | null;
    deploymentSentAt: string | null;
    /** PBX users in the portal, and those of them not yet registered (the deployment step). */
    pbxUsers: number;
    undeployed: number;
    monitored: number;
    lineStates: number;
  } | null;
}

const Input = z.object({ accountId: z.string().max(100) });

export async function readGatewayWizard({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<GatewayWizardView> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'integrations', 'view');
  const q = ctx.tx ?? db();
  const { account, integration, gateway: g } = await loadAccountGateway(q, ctx.actor, parsed.data.accountId);
  const address = { street: account.address ?? '', city: account.city ?? '', postalCode: account.postalCode ?? '', province: account.province ?? '', country: account.country };
  const base = { account: { id: account.id, name: account.name, address }, setupDone: integration.setupDone, status: gatewayStatus(g, integration.setupDone) };
  if (!g) return { ...base, gateway: null };
  const [counts] = await q
    .select({
      pbxUsers: sql<number>`count(*)::int`,
      undeployed: sql<number>`count(*) filter (where ${users.registeredAt} is null and not ${users.inactive})::int`,
    })
    .from(users)
    .where(and(eq(users.accountId, account.id), eq(users.source, 'pbx')));
  const [monitored] = await q.select({ n: sql<number>`count(*)::int` }).from(pbxUsers).where(and(eq(pbxUsers.accountId, account.id), eq(pbxUsers.present, true), eq(pbxUsers.cloudlinkRole, true)));
  const [states] = await q.select({ n: sql<number>`count(*)::int` }).from(pbxUserStates).where(and(eq(pbxUserStates.accountId, account.id), sql`${pbxUserStates.lineState} is not null`));
  return {
    ...base,
    gateway: {
      hardwareId: g.hardwareId,
      model: g.model,
      platform: g.platform,
      softwareVersion: g.softwareVersion,
      availableVersion: g.availableVersion,
      scheduledUpdate: g.scheduledUpdate,
      lastSeenAt: g.lastSeenAt?.toISOString() ?? null,
      site: g.site,
      pbx: { type: g.pbxType, address: g.pbxAddress, username: g.pbxUsername, passwordSet: !!g.pbxPasswordSealed, version: g.pbxVersion },
      syncIntervalMinutes: g.syncIntervalMinutes,
      nextSyncAt: g.nextSyncAt?.toISOString() ?? null,
      lastSync: g.lastSync,
      deploymentSentAt: g.deploymentSentAt?.toISOString() ?? null,
      pbxUsers: counts?.pbxUsers ?? 0,
      undeployed: counts?.undeployed ?? 0,
      monitored: monitored?.n ?? 0,
      lineStates: states?.n ?? 0,
    },
  };
}
