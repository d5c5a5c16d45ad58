#!/usr/bin/env bash
# Migration drift check: the Drizzle schema (packages/server/src/db/schema.ts) must be fully
# described by the committed migrations. drizzle-kit generates into a scratch copy of the
# migrations folder; any new or changed file there means someone changed a table without
# `npx drizzle-kit generate` (the fix: run it in packages/server and commit the migration).
# The real folder is never touched.
set -euo pipefail
cd "$(dirname "$0")/../packages/server"
MIGRATIONS=src/db/migrations
# drizzle-kit wants a relative --out; .tmp/ is git-ignored.
mkdir -p ../../.tmp
SCRATCH="$(mktemp -d ../../.tmp/migration-check.XXXXXX)"
trap 'rm -rf "$SCRATCH" "$SCRATCH.log"' EXIT
cp -R "$MIGRATIONS/." "$SCRATCH/"
# drizzle-kit exits 0 even when it fails to load the schema, so its output is checked too.
status=0
npx drizzle-kit generate --dialect postgresql --schema ./src/db/schema.ts --out "$SCRATCH" --name drift_check \
  > "$SCRATCH.log" 2>&1 || status=$?
cat "$SCRATCH.log"
if ! diff -r "$MIGRATIONS" "$SCRATCH" > /dev/null 2>&1; then
  echo "migrations: the schema differs from the committed migrations; drizzle-kit would add:" >&2
  diff -rq "$MIGRATIONS" "$SCRATCH" >&2 || true
  for f in "$SCRATCH"/*.sql; do [ -e "$MIGRATIONS/$(basename "$f")" ] || cat "$f" >&2; done
  echo "fix: cd packages/server && npx drizzle-kit generate --name <topic>, then commit the migration" >&2
  exit 1
fi
if [ "$status" -ne 0 ] || ! grep -q 'No schema changes' "$SCRATCH.log"; then
  echo "migrations: drizzle-kit did not run cleanly (exit $status); see its output above" >&2
  exit 1
fi
echo "migrations: no drift"
