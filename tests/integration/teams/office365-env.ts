// Read by env() on its first call: import this module first (O365-1's portal app at the emulator).
export const O365 = { clientId: 'a0365a00-0000-4000-8000-0000000000b1', clientSecret: 'o365-portal-app-secret' };
process.env.O365_CLIENT_ID = O365.clientId;
process.env.O365_CLIENT_SECRET = O365.clientSecret;
