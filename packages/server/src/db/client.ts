import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { grantRuntimeRole, runtimeRoleProblem } from './roles.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The database handle every repository takes; the same type on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A handle inside a transaction (same API). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** One round trip to the database (the health check). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute('select 1');
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface DbOptions {
  /** postgres://… — use a PostgreSQL server (the app's runtime role). */
  url?: string;
  /** postgres://… of the role that owns the tables and runs the migrations; defaults to `url` (one role). */
  migrationUrl?: string;
  /** Folder for PGlite's data; omitted with no url means in memory. */
  dataDir?: string;
  /** A PGlite data dump (tar) to start from: tests clone a migrated template this way. */
  loadDataDir?: Blob;
  poolSize?: number;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * Migrates (as the migration role) and grants the runtime role; returns warnings for the log.
   * `folder` defaults to the app's migrations (a test migrates part of them from a copy).
   */
  migrate(folder?: string): Promise<MigrateReport>;
  close(): Promise<void>;
  /** PGlite only: dump the data folder (used to build the test template). */
  dump?(): Promise<Blob>;
}

export interface MigrateReport {
  /** E.g. the runtime role owns the tables; main.ts logs them. */
  warnings: string[];
}

/** Opens PGlite (default) or PostgreSQL (with a url); both speak the same SQL. */
export async function openDatabase(options: DbOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection the server ends (restart, failover, pg_terminate_backend) is reported as
    // a pool 'error' event, which would crash the process without a listener; the pool has already
    // dropped that client and opens a new one on the next query.
    let closing = false;
    pool.on('error', (err) => {
      if (!closing) console.error(`database: an idle connection was lost (${err.message})`);
    });
    // pool.end() resolves once every client has been asked to end, not once its connection is
    // closed; close() waits for the 'remove' of each so that dropping the database right after
    // (the test harness does) cannot terminate a connection still saying goodbye.
    const open = new Set<unknown>();
    let allRemoved: (() => void) | undefined;
    pool.on('connect', (c) => open.add(c));
    pool.on('remove', (c) => {
      open.delete(c);
      if (open.size === 0) allRemoved?.();
    });
    const pgDb = drizzlePg(pool, { schema });
    const db = pgDb as unknown as Db;
    return {
      db,
      kind: 'postgres',
      async migrate(folder = migrationsFolder) {
        const migrationUrl = options.migrationUrl ?? options.url;
        if (migrationUrl === options.url) {
          await migratePg(pgDb, { migrationsFolder: folder });
        } else {
          const owner = new pg.Pool({ connectionString: migrationUrl, max: 1 });
          try {
            await migratePg(drizzlePg(owner, { schema }), { migrationsFolder: folder });
            const { rows } = await pool.query<{ role: string }>('SELECT current_user AS role');
            const client = await owner.connect();
            try {
              await grantRuntimeRole(client, rows[0].role);
            } finally {
              client.release();
            }
          } finally {
            await owner.end();
          }
        }
        const problem = await runtimeRoleProblem(pool);
        return { warnings: problem ? [problem] : [] };
      },
      close: async () => {
        closing = true;
        const closed = open.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (allRemoved = resolve));
        await pool.end();
        await closed;
      },
    };
  }
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  await client.waitReady;
  const pgliteDb = drizzlePglite(client, { schema });
  const db = pgliteDb as unknown as Db;
  return {
    db,
    kind: 'pglite',
    // PGlite has a single role: the app owns its tables, and the hash chain is what detects a rewrite.
    migrate: async (folder = migrationsFolder) => {
      await migratePglite(pgliteDb, { migrationsFolder: folder });
      return { warnings: [] };
    },
    close: () => client.close(),
    dump: () => client.dumpDataDir('none') as Promise<Blob>,
  };
}
