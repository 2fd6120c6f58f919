import { z } from 'zod';

/** Every queue, its payload schema and its retry policy. Handlers live in lib/jobs/handlers. */
export const QUEUES = {
  'mail-delivery': {
    schema: z.object({ mailId: z.uuid() }),
    options: { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  },
} as const;

export type QueueName = keyof typeof QUEUES;
export type QueuePayload<Q extends QueueName> = z.infer<(typeof QUEUES)[Q]['schema']>;
