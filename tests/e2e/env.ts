/**
 * Ports of the end-to-end stack (portal, SMTP simulator, OIDC provider), its database and the demo
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
  database: offset === 0 ? 'portal_e2e' : `portal_e2e_${base}`,
  password: 'demo-pass-123',
  /** The demo users' signed-in sessions (tests/e2e/sessions.setup.ts). */
  sessionsDir: `.data/e2e-sessions-${base}`,
} as const;
