import type pg from 'pg';

/**
 * PostgreSQL role separation. A migration role owns the tables and runs the
 * migrations; the app's runtime role only reads and writes rows. A table's
 * owner can `ALTER TABLE … DISABLE TRIGGER` or `SET session_replication_role`
 * and so rewrite the append-only audit log; a role that owns nothing cannot.
 */

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Gives `runtimeRole` exactly what the app needs, run as the migration role
 * after migrating (idempotent, on every start): rows of every table, the
 * sequences behind identity columns, but only INSERT and SELECT on audit_log
 * and only SELECT on the chain head (the chain trigger runs as the owner). The
 * default privileges cover tables that later migrations create.
 */
export async function grantRuntimeRole(client: pg.PoolClient | pg.Client, runtimeRole: string): Promise<void> {
  const r = ident(runtimeRole);
  await client.query('BEGIN');
  try {
    // Several processes may start at once; GRANTs on the same objects would otherwise collide.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('jiaowu.grant_runtime_role'))`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${r}`);
    await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_chain_head FROM ${r}`);
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO ${r}`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/**
 * Why the runtime connection could rewrite the audit log, or null when it
 * cannot: it is a superuser, or it owns audit_log (directly or as a member
 * of the owning role).
 */
export async function runtimeRoleProblem(client: pg.Pool | pg.PoolClient): Promise<string | null> {
  const { rows } = await client.query<{ role: string; owner: string | null; issuper: boolean; owns: boolean }>(`
    SELECT current_user AS role, t.tableowner AS owner, r.rolsuper AS issuper,
           coalesce(pg_has_role(current_user, t.tableowner, 'MEMBER'), false) AS owns
    FROM pg_roles r LEFT JOIN pg_tables t ON t.schemaname = 'public' AND t.tablename = 'audit_log'
    WHERE r.rolname = current_user`);
  const row = rows[0];
  if (!row) return null;
  const why = row.issuper ? 'is a superuser' : row.owns ? `owns the tables (owner: ${row.owner})` : null;
  if (!why) return null;
  return (
    `The database role "${row.role}" the app runs as ${why}, so it could switch off the audit log's append-only triggers. ` +
    'Set MIGRATION_DATABASE_URL to the role that owns the tables and DATABASE_URL to a runtime role without ownership (README: Running on PostgreSQL).'
  );
}
