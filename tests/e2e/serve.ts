/**
 * Starts the end-to-end stack: a local SMTP server (simulators/smtp), the partner identity
 * provider (simulators/oidc), a customer SAML IdP (simulators/saml-idp), the Microsoft Graph
 * emulator (simulators/graph: a customer tenant with an Office 365 admin, and the portal's own
 * Office 365 app), a fresh database (on
 * DATABASE_URL's server, else an embedded PostgreSQL), and the production build of the portal
 * through the same launcher as `npm start`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../../db/bootstrap/embedded';
import { startGraphEmulator } from '../../simulators/graph/index.mjs';
import { startOidcSimulator } from '../../simulators/oidc/index.mjs';
import { startSamlIdp } from '../../simulators/saml-idp/index.mjs';
import { startSmtpSimulator } from '../../simulators/smtp/index.mjs';
import { E2E } from './env';

async function freshDatabase(): Promise<string> {
  const server = process.env.DATABASE_URL ?? (await startEmbeddedPostgres(path.resolve('.data/e2e'), 54349)).url;
  const admin = postgres(server, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${E2E.database} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${E2E.database}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${E2E.database}`;
  return url.toString();
}

const smtp = await startSmtpSimulator({ host: '127.0.0.1', smtpPort: E2E.smtpPort, httpPort: E2E.mailApiPort });
const oidc = await startOidcSimulator({ host: '127.0.0.1', port: E2E.oidcPort, redirectUris: [`${E2E.appUrl}/api/auth/callback/partner-oidc`] });
// The customer IdP of the SSO journeys (auth0's samlp; tests/integration/sso runs samlify's too).
const samlIdp = await startSamlIdp({ host: '127.0.0.1', port: E2E.samlIdpPort, engine: 'auth0' });
mkdirSync(path.dirname(E2E.samlIdpFile), { recursive: true });
writeFileSync(E2E.samlIdpFile, JSON.stringify({ url: samlIdp.url, entityId: samlIdp.entityId, ssoUrl: samlIdp.ssoUrl, certificate: samlIdp.certificate, otherCertificate: samlIdp.otherCertificate }));
// O365-1 and TEAMS-*: the portal trusts the emulator's certificate and uses its Office 365 app.
const graph = await startGraphEmulator({ host: '127.0.0.1', port: E2E.graphPort, controlPort: E2E.graphControlPort });
const graphCa = path.resolve(`.data/e2e-graph-ca-${E2E.port}.pem`);
writeFileSync(graphCa, graph.ca);
const { tenantId } = graph.control.createTenant({ domain: 'teams-e2e.example', displayName: 'Teams journeys' });
const admin = { userPrincipalName: 'azure.admin@teams-e2e.example', password: 'Azure-adm1n!' };
graph.control.createUsers(tenantId, { users: [{ ...admin, isAdmin: true }] });
const { tenantId: publisher } = graph.control.createTenant({ domain: 'portal-publisher.example' });
const o365 = graph.control.createApp(publisher, {
  displayName: 'Partner portal',
  multiTenant: true,
  permissions: { application: ['User.Read.All', 'Calendars.Read', 'Contacts.Read'] },
  redirectUris: [`${E2E.appUrl}/api/o365/consent`],
});
writeFileSync(E2E.graphFile, JSON.stringify({ url: graph.url, controlUrl: graph.controlUrl, tenantId, admin }));
const databaseUrl = await freshDatabase();
const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/portal.ts', 'start'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(E2E.port),
    APP_URL: E2E.appUrl,
    SMTP_URL: smtp.url,
    PARTNER_OIDC_ISSUER: oidc.issuer,
    PARTNER_OIDC_CLIENT_ID: oidc.clientId,
    PARTNER_OIDC_CLIENT_SECRET: oidc.clientSecret,
    DEMO_PASSWORD: E2E.password,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXT_TELEMETRY_DISABLED: '1',
    GRAPH_URL: graph.url,
    GRAPH_LOGIN_URL: graph.url,
    GRAPH_CA_FILE: graphCa,
    O365_CLIENT_ID: o365.appId,
    O365_CLIENT_SECRET: o365.secrets[0]!.value,
  },
});
const stop = async () => {
  child.kill('SIGTERM');
  await Promise.all([smtp.stop(), oidc.stop(), samlIdp.stop(), graph.close()]);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => process.exit(code ?? 0));
