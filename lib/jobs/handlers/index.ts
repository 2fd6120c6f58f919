import 'server-only';
import { deliverMail } from '@/lib/mail/deliver-mail';
import { runGatewayReset } from '@/lib/gateway/tasks/reset-gateway';
import { runGatewayTask } from '@/lib/gateway/tasks/run-gateway-task';
import { pruneSsoData, warnExpiringCertificates } from '@/lib/sso/maintenance';
import { pruneGatewayData, queueDueSyncs, runScheduledSync } from '@/lib/gateway/tasks/scheduled-sync';
import { matchAzureUsers, queueHourlyMatches } from '@/lib/teams/match-azure-users';
import { queueSubscriptionSyncs, syncSubscriptions } from '@/lib/teams/monitors/sync-subscriptions';
import { clearReleasedSessions } from '@/lib/teams/clear-released-sessions';
import { runAccountDelete } from './account-delete';
import { runIntegrationUpdate } from './integration-update';
import { runLicencesBulk } from './licences-bulk';
import { runManagersBulk } from './managers-bulk';
import { runUsersBulk } from './users-bulk';
import { runUserImport } from './user-import';
import type { QueueName, QueuePayload } from '../queues';

type Handlers = { [Q in QueueName]: (payload: QueuePayload<Q>) => Promise<void> };

/** The one place that says which code runs each queue's jobs. */
export const HANDLERS: Handlers = {
  'mail-delivery': ({ mailId }) => deliverMail(mailId),
  'account-delete': runAccountDelete,
  'users-bulk': runUsersBulk,
  'user-import': runUserImport,
  'managers-bulk': runManagersBulk,
  'integration-update': runIntegrationUpdate,
  'licences-bulk': runLicencesBulk,
  'gateway-task': runGatewayTask,
  'pbx-sync': runScheduledSync,
  'gateway-tick': async () => {
    await queueDueSyncs();
    await pruneGatewayData();
    await pruneSsoData();
    await warnExpiringCertificates();
    await queueHourlyMatches();
    await queueSubscriptionSyncs();
  },
  'gateway-reset': runGatewayReset,
  'teams-match': ({ accountId }) => matchAzureUsers(accountId),
  'teams-subscriptions': ({ accountId }) => syncSubscriptions(accountId),
  'teams-release': clearReleasedSessions,
};
