import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { closeDb } from '../../db/client';

const adminUrl = inject('adminUrl');
const templateDb = inject('templateDb');
const name = `portal_test_${randomBytes(6).toString('hex')}`;

const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${templateDb}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
// Each test file talks to its own fresh, migrated database through the app's own client.
process.env.DATABASE_URL = url.toString();
// The secret store's key (lib/crypto), as `npm start` would generate it; one per test file.
process.env.SECRETS_KEY ??= randomBytes(32).toString('base64url');

afterAll(async () => {
  // The presence loops (lib/teams) would otherwise query a database that is about to go.
  const { stopNotifiedLoops } = await import('../../lib/teams/notified-loop');
  await stopNotifiedLoops();
  await closeDb();
  const { stopBoss } = await import('../../lib/jobs/boss');
  await stopBoss();
  const { closeHub } = await import('../../lib/gateway/protocol/hub');
  await closeHub();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});
