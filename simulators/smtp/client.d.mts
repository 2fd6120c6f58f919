import type { Message } from './index.mjs';

export interface WaitForMailOptions {
  /** Recipient address (case-insensitive; envelope, To or Cc). */
  to: string;
  /** Only accept a message whose subject contains this string. */
  subjectIncludes?: string;
  /** Extra condition on the message. */
  predicate?: (message: Message) => boolean;
  /** Default 10000. */
  timeoutMs?: number;
  /** Poll interval, default 100. */
  intervalMs?: number;
}

/** Polls GET {apiUrl}/messages until a match arrives; returns the most recent match, throws on timeout. */
export function waitForMail(apiUrl: string, options: WaitForMailOptions): Promise<Message>;

/** http(s) URLs found in the text body and in HTML href attributes (entities decoded), deduplicated. */
export function extractLinks(message: Pick<Message, 'text' | 'html'> | { text?: string | null; html?: string | null }): string[];
