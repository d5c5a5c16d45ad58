import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, DRAFT_EDIT_KINDS, WORKFLOW_ACTIONS } from '@jiaowu/contracts';

/**
 * Every action the server writes to the audit log has words in both
 * languages (contracts/audit-labels.ts). The server's source is read for the
 * actions it writes: literal ones (`action: 'users.lock'`) directly, built
 * ones (`action: \`${def.entity}.create\``) by expanding each known pattern.
 * A new pattern fails here until this test is taught its values.
 */
const SRC = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'test' || d.name === 'migrations' ? [] : sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}
const files = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }));
const writers = files.filter((f) => /writeAudit|AuditRecord/.test(f.text));
const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[1]);

/** Entities of every CRUD resource (files that call defineResource). */
const resourceEntities = files.filter((f) => f.text.includes('defineResource(')).flatMap((f) => all(/\bentity: '([a-z_]+)'/g, f.text));
/** Statuses the course request subject sets (`setStatus(tx, actor, event, 'returned', …)`). */
const subjectStatuses = files.flatMap((f) => all(/setStatus\(tx, actor, event, '([a-z_]+)'/g, f.text));
/** Entities of the org imports (import-org-rows: `{ permission, entity: 'students' }`). */
const importEntities = files.flatMap((f) => all(/permission: '[a-z.]+', entity: '([a-z_]+)'/g, f.text));

/** Each built action's possible values. */
const PATTERNS: Record<string, () => string[]> = {
  '${def.entity}.create': () => resourceEntities.map((e) => `${e}.create`),
  '${def.entity}.update': () => resourceEntities.map((e) => `${e}.update`),
  '${def.entity}.delete': () => resourceEntities.map((e) => `${e}.delete`),
  '${entity}.create': () => importEntities.map((e) => `${e}.create`),
  '${entity}.update': () => importEntities.map((e) => `${e}.update`),
  '${entity}.import': () => importEntities.map((e) => `${e}.import`),
  'course_requests.${status}': () => subjectStatuses.map((s) => `course_requests.${s}`),
  'workflow.${action.type}': () => WORKFLOW_ACTIONS.map((a) => `workflow.${a}`),
  'workflow.${action}': () => WORKFLOW_ACTIONS.map((a) => `workflow.${a}`),
  'timetable_draft_edits.${input.kind}': () => DRAFT_EDIT_KINDS.map((k) => `timetable_draft_edits.${k}`),
};

describe('audit action labels', () => {
  const literal = writers.flatMap((f) => all(/\baction: '([a-z_]+(?:\.[a-z_]+)+)'/g, f.text).map((action) => ({ action, file: f.file })));
  const built = writers.flatMap((f) => all(/\baction: `([^`]+)`/g, f.text).map((pattern) => ({ pattern, file: f.file })));

  it('the scan finds the writers (it would pass vacuously otherwise)', () => {
    expect(literal.length).toBeGreaterThan(40);
    expect(built.length).toBeGreaterThan(5);
    expect(resourceEntities).toEqual(expect.arrayContaining(['students', 'admin_classes', 'courses']));
    expect(subjectStatuses).toEqual(expect.arrayContaining(['returned', 'rejected', 'withdrawn']));
    expect(importEntities).toEqual(expect.arrayContaining(['students', 'teachers', 'rooms', 'admin_classes']));
  });

  it('every literal action has words in both languages', () => {
    const missing = literal.filter(({ action }) => !AUDIT_ACTION_LABELS[action]);
    expect(missing, 'add these to AUDIT_ACTION_LABELS in contracts/audit-labels.ts').toEqual([]);
  });

  it('every built action is a known pattern and each of its values has words', () => {
    const unknown = built.filter(({ pattern }) => !PATTERNS[pattern]);
    expect(unknown, 'a new built action: teach PATTERNS its values').toEqual([]);
    const missing = built.flatMap(({ pattern, file }) =>
      PATTERNS[pattern]()
        .filter((a) => !AUDIT_ACTION_LABELS[a])
        .map((action) => ({ action, file })),
    );
    expect(missing, 'add these to AUDIT_ACTION_LABELS in contracts/audit-labels.ts').toEqual([]);
  });

  it('every entity type written has words', () => {
    const types = writers.flatMap((f) => all(/\bentityType: '([a-z_]+)'/g, f.text));
    expect(types.length).toBeGreaterThan(30);
    const entities = [...types, ...resourceEntities, ...importEntities];
    expect(entities.filter((t) => !(t in AUDIT_ENTITY_LABELS))).toEqual([]);
  });

  it('labels are words, not codes, and differ between the languages', () => {
    for (const [action, l] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(l['zh-CN'], action).toMatch(/[\u4e00-\u9fff]/);
      expect(l.en, action).toMatch(/^[A-Z]/);
      expect(l.en, action).not.toMatch(/_/);
    }
  });
});
