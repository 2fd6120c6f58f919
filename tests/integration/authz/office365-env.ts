/**
 * The portal's own Office 365 app (O365-1) for the authorization suite (not a test file itself). The
 * suite imports this module first: `env()` reads O365_CLIENT_ID / O365_CLIENT_SECRET once and keeps
 * them, so they are set before anything can read the environment. The Graph emulator registers an
 * app with these very ids (targets.ts, startMicrosoft).
 */
export const O365_APP = {
  clientId: 'a0365000-0000-4000-8000-0000000a0365',
  clientSecret: 'o36~authz-suite-office365-secret-0000001',
} as const;

process.env.O365_CLIENT_ID = O365_APP.clientId;
process.env.O365_CLIENT_SECRET = O365_APP.clientSecret;
