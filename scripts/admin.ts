/**
 * Operator commands, for scripts and acceptance checks (issue 16). Each runs the same command as
 * the portal's dialog, as the actor "System", on the portal's database — DATABASE_URL, or the
 * embedded PostgreSQL (the running portal's, or started here for the duration when it is not
 * running). Prints one line of JSON on stdout; errors are one sentence on stderr, exit code 1.
 *
 *   npm run admin -- scim-keys --account "<account name>"
 *   npm run admin -- saml --account "<name>" --entity-id <IdP entity id> --sso-url <IdP sign-in URL> --cert <pem-file>
 *        [--azure] [--mitel-credentials]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { portInUse } from '../db/bootstrap/port';
import { StartupError } from '../db/bootstrap/startup-error';
import { EnvError, parseEnv } from '../lib/env';
import { secretsKey, startDatabase, workerDatabaseUrl } from './launch';

class UsageError extends Error {}

const USAGE = `usage:
  npm run admin -- scim-keys --account "<account name>"
  npm run admin -- saml --account "<account name>" --entity-id <id> --sso-url <url> --cert <pem-file> [--azure] [--mitel-credentials]`;

async function database(): Promise<{ stop: () => Promise<void> }> {
  const e = parseEnv();
  process.env.SECRETS_KEY = secretsKey(e);
  if (e.DATABASE_URL) return { stop: async () => undefined };
  // The portal is running: use its embedded database, as its worker processes do.
  if (await portInUse(e.EMBEDDED_PG_PORT, '127.0.0.1')) {
    process.env.DATABASE_URL = workerDatabaseUrl(e);
    return { stop: async () => undefined };
  }
  const quiet = console.log;
  console.log = (...args: unknown[]) => console.error(...args); // start-up chatter is not the command's output
  const { url, embedded } = await startDatabase(e);
  const { migrateDatabase } = await import('../db/bootstrap/migrate');
  await migrateDatabase(url);
  console.log = quiet;
  process.env.DATABASE_URL = url;
  return { stop: async () => void (await embedded?.stop()) };
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'scim-keys' && command !== 'saml') throw new UsageError(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      account: { type: 'string' },
      'entity-id': { type: 'string' },
      'sso-url': { type: 'string' },
      cert: { type: 'string' },
      azure: { type: 'boolean', default: false },
      'mitel-credentials': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.account) throw new UsageError(`--account is required\n${USAGE}`);
  if (command === 'saml' && (!values['entity-id'] || !values['sso-url'] || !values.cert)) throw new UsageError(`saml needs --entity-id, --sso-url and --cert\n${USAGE}`);
  const certificates = command === 'saml' ? readPem(values.cert!) : '';

  const { stop } = await database();
  try {
    const { runAdminCommand } = await import('../lib/provisioning/admin-commands');
    const result = await runAdminCommand(
      command === 'scim-keys'
        ? { command, account: values.account }
        : { command, account: values.account, azure: values.azure!, entityId: values['entity-id']!, ssoUrl: values['sso-url']!, certificates, mitelCredentials: values['mitel-credentials']! },
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    const { closeDb } = await import('../db/client');
    await closeDb();
    await stop();
  }
}

function readPem(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read the certificate file ${file}`);
  }
}

main().catch((err: unknown) => {
  const known = err instanceof UsageError || err instanceof EnvError || err instanceof StartupError || (err instanceof Error && err.name === 'AdminCommandError');
  console.error(known ? `[admin] ${(err as Error).message}` : err);
  process.exit(1);
});
