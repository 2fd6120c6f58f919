/** A partner account known to the OIDC simulator. */
export interface OidcUser {
  /** Stable subject identifier (the id_token `sub`). */
  sub: string;
  /** Sign-in e-mail (matched case-insensitively). */
  email: string;
  name: string;
  /** Custom claim: the partner organisation's name. */
  org_name: string;
  /** Plain-text password accepted on the sign-in form. */
  password: string;
  /** Defaults to true. */
  email_verified?: boolean;
}

export interface OidcSimulatorOptions {
  /** Interface to bind; default "127.0.0.1". */
  host?: string;
  /** HTTP port; default 0 (pick a free port). */
  port?: number;
  /** Host name used in the issuer URL instead of `host` (e.g. "localhost"). */
  issuerHost?: string;
  /** The one registered client; default "portal". */
  clientId?: string;
  /** Its secret; default "portal-secret". */
  clientSecret?: string;
  /** Exact redirect URIs accepted; default: any absolute URL. */
  redirectUris?: string[];
  /** Accounts that can sign in; default DEFAULT_USERS. */
  users?: readonly OidcUser[];
}

export interface OidcSimulator {
  /** e.g. "http://127.0.0.1:41234" (no trailing slash). */
  issuer: string;
  /** `${issuer}/.well-known/openid-configuration`, for next-auth's `wellKnown`. */
  wellKnown: string;
  host: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** Close the HTTP server (idempotent). */
  stop(): Promise<void>;
}

/** Olivia and Oscar Oidc of Tailspin Partners, password "oidc-pass-123". */
export const DEFAULT_USERS: readonly OidcUser[];

export function startOidcSimulator(options?: OidcSimulatorOptions): Promise<OidcSimulator>;
