/**
 * Starts `npm run topology` for the topology journeys on a fresh embedded PostgreSQL of its own
 * (DATABASE_URL unset on purpose: a journey stops and restarts that server) with the demo data.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { TOPOLOGY } from './env';

rmSync(TOPOLOGY.dataDir, { recursive: true, force: true });
const env: NodeJS.ProcessEnv = { ...process.env };
delete env.DATABASE_URL;
delete env.SMTP_URL; // mails are captured and shown under Mailbox
const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/topology.ts'], {
  stdio: 'inherit',
  env: {
    ...env,
    DATA_DIR: TOPOLOGY.dataDir,
    PORT: String(TOPOLOGY.port),
    APP_URL: TOPOLOGY.appUrl,
    EMBEDDED_PG_PORT: String(TOPOLOGY.postgresPort),
    DEMO_PASSWORD: TOPOLOGY.password,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXT_TELEMETRY_DISABLED: '1',
  },
});
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => process.exit(code ?? 0));
