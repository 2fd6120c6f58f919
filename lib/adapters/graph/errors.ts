import 'server-only';

export type GraphErrorKind =
  | 'tenantNotFound'
  | 'clientNotFound'
  | 'invalidSecret'
  | 'secretExpired'
  | 'invalidGrant'
  | 'passwordChanged'
  | 'consentMissing'
  | 'notFound'
  | 'invalidRequest'
  | 'throttled'
  | 'unavailable';

/** Kinds that are about the app's credentials in a tenant, not about one request: nothing of that app works. */
export const CREDENTIAL_KINDS: ReadonlySet<GraphErrorKind> = new Set(['tenantNotFound', 'clientNotFound', 'invalidSecret', 'secretExpired']);

/**
 * Every failure of the adapter. `message` is Entra's `error_description` or Graph's
 * `error.message` (secrets and tokens scrubbed); `code` is `AADSTS<n>` for Entra, Graph's
 * `error.code` otherwise. `retryAfterMs` says when a durable job may try again (throttled,
 * unavailable).
 */
export class GraphError extends Error {
  readonly kind: GraphErrorKind;
  readonly status: number | null;
  readonly code: string | null;
  readonly retryAfterMs: number | undefined;

  constructor(kind: GraphErrorKind, message: string, o: { status?: number | null; code?: string | null; retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'GraphError';
    this.kind = kind;
    this.status = o.status ?? null;
    this.code = o.code ?? null;
    this.retryAfterMs = o.retryAfterMs;
  }
}

// AADSTS codes (https://learn.microsoft.com/entra/identity-platform/reference-error-codes) by kind.
const AADSTS: Record<number, GraphErrorKind> = {
  90002: 'tenantNotFound',
  900023: 'tenantNotFound', // tenant identifier is not a valid GUID or domain
  90072: 'tenantNotFound', // user account not in this tenant
  700016: 'clientNotFound',
  7000215: 'invalidSecret',
  7000222: 'secretExpired',
  50126: 'invalidGrant',
  50034: 'invalidGrant', // user does not exist
  50057: 'invalidGrant', // user disabled
  50053: 'invalidGrant', // locked
  50076: 'invalidGrant', // MFA required: ROPC cannot satisfy it
  50079: 'invalidGrant',
  53003: 'invalidGrant', // conditional access
  54005: 'invalidGrant', // code already redeemed
  70000: 'invalidGrant',
  70008: 'passwordChanged', // refresh token expired or revoked: the monitor must sign in again
  700082: 'passwordChanged',
  50173: 'passwordChanged',
  50132: 'passwordChanged', // session revoked after a password change
  50133: 'passwordChanged',
  50055: 'passwordChanged', // password expired
  65001: 'consentMissing',
  650057: 'consentMissing',
  500011: 'consentMissing',
  7000112: 'consentMissing', // application disabled in the tenant
  500014: 'consentMissing',
};

const ENTRA_ERRORS: Record<string, GraphErrorKind> = {
  invalid_client: 'invalidSecret',
  unauthorized_client: 'clientNotFound',
  invalid_grant: 'invalidGrant',
  consent_required: 'consentMissing',
  interaction_required: 'invalidGrant',
  temporarily_unavailable: 'unavailable',
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Removes the given secrets and anything shaped like a JWT or bearer token from a text meant for logs. */
export function scrub(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  return out.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[token]').replace(/(Bearer\s+)\S+/gi, '$1[token]');
}

function kindOfStatus(status: number): GraphErrorKind {
  if (status === 429) return 'throttled';
  if (status >= 500 || status === 0) return 'unavailable';
  if (status === 401 || status === 403) return 'consentMissing';
  if (status === 404) return 'notFound';
  return 'invalidRequest';
}

/** The AADSTS number of an Entra error body: `error_codes[0]`, else the prefix of its description. */
export function aadstsCode(body: Json): number | null {
  const codes = body.error_codes;
  if (Array.isArray(codes) && typeof codes[0] === 'number') return codes[0];
  const m = /AADSTS(\d+)/.exec(typeof body.error_description === 'string' ? body.error_description : '');
  return m ? Number(m[1]) : null;
}

/**
 * Maps an error answer, from Entra's token endpoint (`{ error, error_description, error_codes }`)
 * or from Graph (`{ error: { code, message } }`), to a GraphError. A 401 or 403 from Graph is
 * `consentMissing`: the token was issued but does not carry what the call needs.
 */
export function errorFromBody(status: number, body: unknown, o: { retryAfterMs?: number; secrets?: readonly (string | undefined)[] } = {}): GraphError {
  const clean = (s: string) => scrub(s, o.secrets).slice(0, 1000);
  if (isObject(body) && typeof body.error === 'string') {
    const n = aadstsCode(body);
    const kind = (n !== null ? AADSTS[n] : undefined) ?? (status >= 500 || status === 429 ? kindOfStatus(status) : ENTRA_ERRORS[body.error]) ?? kindOfStatus(status);
    const description = typeof body.error_description === 'string' ? body.error_description : body.error;
    return new GraphError(kind, clean(description), { status, code: n !== null ? `AADSTS${n}` : body.error, retryAfterMs: o.retryAfterMs });
  }
  const inner = isObject(body) && isObject(body.error) ? body.error : null;
  const code = inner && typeof inner.code === 'string' ? inner.code : null;
  const message = inner && typeof inner.message === 'string' && inner.message ? inner.message : `Microsoft Graph answered ${status}`;
  return new GraphError(kindOfStatus(status), clean(message), { status, code, retryAfterMs: o.retryAfterMs });
}

/** A request that never got an answer (network, TLS, timeout) after its retries. */
export function unreachable(cause: unknown, retryAfterMs?: number): GraphError {
  const err = cause instanceof Error ? cause : null;
  const detail = err ? `${err.name === 'TimeoutError' ? 'timed out' : err.message}${causeCode(err)}` : 'unknown error';
  return new GraphError('unavailable', `Microsoft Graph unreachable: ${scrub(detail)}`, { status: null, code: err?.name ?? null, retryAfterMs });
}

function causeCode(err: Error): string {
  const c = err.cause;
  if (isObject(c) && typeof c.code === 'string') return ` (${c.code})`;
  return '';
}
