import type pg from 'pg';

/**
 * The two PostgreSQL roles of the test suite, like production's (README,
 * Running on PostgreSQL): `owner` owns the tables and migrates, `app` is the
 * runtime role every test connects as. `.ci/run` creates them; the suite
 * creates them too when the DATABASE_URL role may. Test-only password.
 */
export const TEST_ROLES = { owner: 'jiaowu_test_owner', app: 'jiaowu_test_app', password: 'jiaowu-test' } as const;

/** Creates the test roles if missing; false when they are missing and cannot be created. */
export async function ensureTestRoles(admin: pg.Client): Promise<boolean> {
  for (const role of [TEST_ROLES.owner, TEST_ROLES.app]) {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (rowCount) continue;
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${TEST_ROLES.password}'`);
    } catch (err) {
      const code = (err as { code?: string }).code;
      // Another test run created it at the same moment: fine.
      if (code === '42710' || code === '23505') continue;
      if (code === '42501') return false;
      throw err;
    }
  }
  return true;
}

/** The URL of database `name` as the test role `as` (null: the DATABASE_URL role itself). */
export function testDatabaseUrl(url: string, name: string, as: 'owner' | 'app' | null): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  if (as) {
    u.username = TEST_ROLES[as];
    u.password = TEST_ROLES.password;
  }
  return u.toString();
}
