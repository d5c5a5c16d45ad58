import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureTestRoles, TEST_ROLES, testDatabaseUrl } from './test-roles.ts';

/**
 * Migrates (and seeds) the test templates once per run: PGlite data dumps on
 * the embedded database, template databases on PostgreSQL (DATABASE_URL).
 * Each test file then clones a template instead of migrating again.
 */
const TMP = fileURLToPath(new URL('../../../../.tmp/test-templates', import.meta.url));

export default async function setup(project: TestProject) {
  process.env.JIAOWU_SCRYPT_LOG_N ??= '12';
  const { openDatabase } = await import('../db/client.ts');
  const { ensureBuiltinRoles } = await import('../seed/roles.ts');
  const { seedDemo } = await import('../seed/demo.ts');
  const url = process.env.DATABASE_URL;
  const templates = { base: '', demo: '' };

  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // The suite runs as a runtime role that owns nothing, as production should (README); the
    // tables belong to an owner role that migrates. Without the right to create roles: one role.
    const roles = (await ensureTestRoles(admin)) ? TEST_ROLES : null;
    if (!roles) process.stderr.write('test databases: could not create the test roles; running as the DATABASE_URL role\n');
    const stamp = `${process.pid}_${Date.now().toString(36)}`;
    for (const kind of ['base', 'demo'] as const) {
      const name = `jw_tpl_${kind}_${stamp}`;
      await admin.query(`CREATE DATABASE ${name}${roles ? ` OWNER ${roles.owner}` : ''}`);
      const database = await openDatabase({
        url: testDatabaseUrl(url, name, roles ? 'app' : null),
        migrationUrl: testDatabaseUrl(url, name, roles ? 'owner' : null),
        poolSize: 2,
      });
      await database.migrate();
      if (kind === 'base') await ensureBuiltinRoles(database.db);
      else await seedDemo(database.db);
      await database.close();
      templates[kind] = name;
    }
    project.provide('templates', { kind: 'postgres', ...templates, roles: !!roles });
    return async () => {
      // Clones made by test files are dropped by the files; drop the templates and any leftovers.
      const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'jw_t%${stamp}%'`);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    };
  }

  mkdirSync(TMP, { recursive: true });
  // One PGlite (its start-up is the slow part): dump after the roles, then after the demo seed.
  const database = await openDatabase({});
  await database.migrate();
  for (const kind of ['base', 'demo'] as const) {
    if (kind === 'base') await ensureBuiltinRoles(database.db);
    else await seedDemo(database.db);
    const blob = await database.dump!();
    const file = path.join(TMP, `${kind}-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    templates[kind] = file;
  }
  await database.close();
  project.provide('templates', { kind: 'pglite', ...templates, roles: false });
  return () => {
    rmSync(templates.base, { force: true });
    rmSync(templates.demo, { force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** `roles`: on PostgreSQL, whether the tables belong to TEST_ROLES.owner and tests connect as TEST_ROLES.app. */
    templates: { kind: 'pglite' | 'postgres'; base: string; demo: string; roles: boolean };
  }
}
