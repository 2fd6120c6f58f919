import 'server-only';
import { deliverMail } from '@/lib/mail/deliver-mail';
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
};
