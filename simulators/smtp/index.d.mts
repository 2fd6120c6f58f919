/** An address parsed from a To/Cc header. */
export interface MailAddress {
  name: string;
  address: string;
}

/** A message captured by the SMTP simulator (as returned by GET /messages). */
export interface Message {
  /** Sequential id ("1", "2", ...), never reused within one simulator run. */
  id: string;
  /** Envelope sender (MAIL FROM); "" for a null sender. */
  from: string;
  /** Envelope recipients (RCPT TO), including Bcc recipients. */
  to: string[];
  /** Decoded Subject header (RFC 2047 encoded-words resolved). */
  subject: string;
  /** First inline text/plain part, decoded, with "\n" line endings; null if absent. */
  text: string | null;
  /** First inline text/html part, decoded; null if absent. */
  html: string | null;
  /** ISO timestamp from the Date header, or the receive time if it is missing/invalid. */
  date: string;
  /** ISO timestamp at which the simulator received the message. */
  receivedAt: string;
  /** Message-ID header without angle brackets. */
  messageId: string | null;
  /** Decoded From header, e.g. "Portal <noreply@example.test>". */
  headerFrom: string;
  headerTo: MailAddress[];
  headerCc: MailAddress[];
  /** All headers, lower-cased names, unfolded and decoded; repeated headers joined with "\n". */
  headers: Record<string, string>;
  /** Size of the raw source in bytes. */
  size: number;
}

export interface SmtpSimulatorOptions {
  /** Interface to bind; default "127.0.0.1". */
  host?: string;
  /** SMTP port; default 0 (pick a free port). */
  smtpPort?: number;
  /** HTTP API port; default 0 (pick a free port). */
  httpPort?: number;
  /** Called synchronously for every captured message. */
  onMessage?: (message: Message) => void;
}

export interface SmtpSimulator {
  host: string;
  smtpPort: number;
  httpPort: number;
  /** e.g. "smtp://127.0.0.1:41234" */
  url: string;
  /** Base URL of the HTTP JSON API, e.g. "http://127.0.0.1:41235" */
  apiUrl: string;
  /** Captured messages, newest last; optional case-insensitive recipient filter. */
  messages(filter?: { to?: string }): Message[];
  /** Raw RFC 5322 source of a message, or undefined. */
  raw(id: string): string | undefined;
  /** Forget all captured messages. */
  clear(): void;
  /** Close both servers (idempotent). */
  stop(): Promise<void>;
}

export function startSmtpSimulator(options?: SmtpSimulatorOptions): Promise<SmtpSimulator>;
