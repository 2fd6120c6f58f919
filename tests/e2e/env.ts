/** Fixed ports of the end-to-end stack (portal, SMTP simulator) and the demo password it seeds. */
export const E2E = {
  port: 3100,
  appUrl: 'http://localhost:3100',
  smtpPort: 2587,
  mailApiUrl: 'http://127.0.0.1:2588',
  mailApiPort: 2588,
  oidcPort: 2589,
  password: 'demo-pass-123',
} as const;
