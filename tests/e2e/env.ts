/**
 * Ports of the end-to-end stack (portal, SMTP simulator, OIDC provider, SAML IdP, Graph emulator), its database and the demo
 * password it seeds. E2E_PORT_BASE (default 3100) moves the whole stack, so two checkouts on one
 * machine can run their journeys at the same time against the same PostgreSQL server.
 */
const base = Number(process.env.E2E_PORT_BASE ?? 3100);
const offset = base - 3100;

export const E2E = {
  port: base,
  appUrl: `http://localhost:${base}`,
  smtpPort: 2587 + offset,
  mailApiUrl: `http://127.0.0.1:${2588 + offset}`,
  mailApiPort: 2588 + offset,
  oidcPort: 2589 + offset,
  samlIdpPort: 2590 + offset,
  /** The Microsoft Graph emulator (https) and its control API (http). */
  graphPort: 2591 + offset,
  graphControlPort: 2592 + offset,
  /** What the Teams journeys need of the emulator: its URLs, the customer tenant, the Office 365 app. */
  graphFile: `.data/e2e-graph-${base}.json`,
  /** What the journeys paste into the SSO dialog: the test IdP's entity id, sign-in URL and certificates. */
  samlIdpFile: `.data/e2e-saml-idp-${base}.json`,
  database: offset === 0 ? 'portal_e2e' : `portal_e2e_${base}`,
  password: 'demo-pass-123',
  /** The demo users' signed-in sessions (tests/e2e/sessions.setup.ts). */
  sessionsDir: `.data/e2e-sessions-${base}`,
} as const;
