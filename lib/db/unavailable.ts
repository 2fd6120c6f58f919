/**
 * Whether an error means "the database cannot be reached right now" (it is restarting, failing
 * over, or full) rather than "this request is wrong": such a request is worth repeating in a few
 * seconds, and people are told so instead of seeing a failure. Walks `cause` chains, because
 * Drizzle wraps the driver's error (DrizzleQueryError) and pools wrap theirs.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
/** postgres.js's own codes for a connection that went away or never came. */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);
/** SQLSTATEs: admin / crash shutdown, starting up or shutting down, too many connections. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || DRIVER_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))) return true;
  }
  return false;
}
