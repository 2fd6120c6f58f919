import 'server-only';
import { z } from 'zod';
import { can } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { isOnline } from '@/lib/adapters/pbx/online';
import { recordEvent } from '@/lib/events/record-event';
import { SupportInput } from './schemas';
import { loadAccountGateway } from './scope';
import { startGatewayTask, type GatewayTask } from './start-task';

const Input = z.object({ accountId: z.string().max(100), request: SupportInput });

/**
 * SUP-4 gateway support: view logs, call trace, restart, schedule or perform the update — each a
 * job with progress. Needs Support View: the seed's permission matrix has only View for Support
 * (2.14.8, lines 1623-1644), and the page is the partner's and the account admins' (2.11).
 * Refused with a clear message when the gateway is offline or onboarding has not reached the
 * gateway step.
 */
export async function requestGatewaySupport({ ctx, input }: Command<unknown>): Promise<{ notificationId: string }> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { request } = parsed.data;
  const changes = request.action !== 'fetchLogs' && request.action !== 'callTrace';
  if (!can(ctx.actor, 'support', 'view')) throw new ForbiddenError();
  return withTransaction(ctx, async (tx) => {
    const found = await loadAccountGateway(tx, ctx.actor, parsed.data.accountId);
    if (!found.gateway?.siteLinkedAt) throw new ConflictError('gateway.support.unavailable.onboarding');
    if (!isOnline(found.gateway.lastSeenAt)) throw new ConflictError('gateway.support.unavailable.offline');
    const task: GatewayTask =
      request.action === 'fetchLogs'
        ? { kind: 'fetchLogs', logKind: request.kind }
        : request.action === 'callTrace'
          ? { kind: 'callTrace', extension: request.extension, seconds: request.seconds }
          : request.action === 'scheduleUpdate'
            ? { kind: 'scheduleUpdate', at: request.at }
            : { kind: request.action };
    if (changes) {
      await recordEvent(tx, ctx, { action: 'Edit', asset: 'Integration', assetId: `${found.account.id}:cloudlinkGateway`, accountId: found.account.id, partnerOrgId: found.account.partnerOrgId, core: { integrationId: 'cloudlinkGateway', support: request } });
    }
    return startGatewayTask(tx, ctx.actor, found.account, task);
  });
}
