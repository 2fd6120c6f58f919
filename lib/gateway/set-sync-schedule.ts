import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { gateways } from '@/db/schema';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Command } from '@/lib/db/transaction';
import { ConflictError } from '@/lib/errors';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { ScheduleInput, SYNC_INTERVAL } from './schemas';
import { onAccountGateway } from './gateway-command';

const Input = ScheduleInput.extend({ accountId: z.string().max(100) });

/** GW-2 "PBX Sync Schedule" in minutes (default 20); fixed on SMBC platforms (seed 2622-2625). */
export async function setPbxSyncSchedule(command: Command<unknown>): Promise<{ minutes: number }> {
  const { ctx } = command;
  return onAccountGateway(command, Input, canConfigureIntegrations, async (tx, found, data) => {
    const { gateway } = found;
    if (gateway.platform === 'smbc') throw new ConflictError('gateway.errors.smbcFixedSchedule');
    const minutes = data.minutes;
    if (minutes === gateway.syncIntervalMinutes) return { minutes };
    await tx
      .update(gateways)
      .set({ syncIntervalMinutes: minutes, nextSyncAt: gateway.connectedAt ? sql`now() + make_interval(mins => ${minutes})` : null, updatedAt: new Date() })
      .where(eq(gateways.id, gateway.id));
    await recordIntegrationEdit(tx, ctx, found.account, 'cloudlinkGateway', {
      before: { syncIntervalMinutes: gateway.syncIntervalMinutes },
      after: { syncIntervalMinutes: minutes },
      core: { step: 'schedule', default: SYNC_INTERVAL.default },
    });
    return { minutes };
  });
}
