import { describe, expect, it } from 'vitest';
import { refKey } from './audit-names.ts';
import { changesOf, refsOf, type StoredEntry } from './audit-present.ts';

// The wording of changes without a database: names come from the map a page resolves.
const names = new Map([
  [refKey('admin_classes', 7), '计科2401'],
  [refKey('teachers', 3), '张伟（T001）'],
  [refKey('courses', 9), 'CS201 数据结构'],
]);

describe('changes in words', () => {
  it('an approval: state translated, flow by its subject type, the subject id hidden', () => {
    const zh = changesOf(
      'workflow_instances',
      null,
      { flowKey: 'course_request', flowVersion: 2, subjectType: 'course_request', subjectId: 41, state: 'pending' },
      names,
      'zh-CN',
    );
    expect(zh).toEqual([
      { field: 'flowKey', label: '审批流程', before: null, after: '开课申请' },
      { field: 'flowVersion', label: '流程版本', before: null, after: '2' },
      { field: 'subjectType', label: '审批对象', before: null, after: '开课申请' },
      { field: 'state', label: '审批状态', before: null, after: '审批中' },
    ]);
  });

  it('instants in the school time zone, permissions and group kinds in words, lists of records by name', () => {
    const [locked] = changesOf('users', null, { lockedUntil: '2026-09-07T00:30:00.000Z' }, names, 'en');
    expect(locked).toMatchObject({ label: 'Locked until', after: '2026-09-07 08:30' });
    const [token] = changesOf('api_tokens', null, { permissions: ['audit.read', 'students.read'] }, names, 'zh-CN');
    expect(token.after).toBe('查看全部审计日志、查看学生');
    const [groups] = changesOf(
      'curriculum_plans',
      null,
      { groups: [{ name: '核心课', kind: 'required', courses: [{ courseId: 9 }] }] },
      names,
      'zh-CN',
    );
    expect(groups.after).toBe('名称：核心课，类型：必修，课程：CS201 数据结构');
    const [teachers] = changesOf('course_requests', null, { teachers: [{ teacherId: 3, share: 60, name: '张伟' }] }, names, 'zh-CN');
    expect(teachers.after).toBe('张伟（T001），学时比例：60');
    const [classes] = changesOf('course_requests', { adminClassIds: [] }, { adminClassIds: [7] }, names, 'en');
    expect(classes).toEqual({ field: 'adminClassIds', label: 'Admin classes', before: null, after: '计科2401' });
  });

  it('a delete lists what was there; a record that vanished is named by its type and number', () => {
    const removed = changesOf('students', { name: '王一', adminClassId: 99, adminClassName: '旧班', version: 3 }, null, names, 'zh-CN');
    expect(removed).toEqual([
      { field: 'name', label: '姓名', before: '王一', after: null },
      { field: 'adminClassId', label: '行政班', before: '行政班 99', after: null },
    ]);
  });
});

describe('refs of a page', () => {
  it('collects ids per type from snapshots, nested lists and the entries themselves', () => {
    const entry = (over: Partial<StoredEntry>): StoredEntry => ({
      id: 1,
      at: '',
      actorId: null,
      actorName: null,
      actorKind: 'user',
      ip: null,
      action: 'x.update',
      entityType: 'x',
      entityId: null,
      before: null,
      after: null,
      ...over,
    });
    const refs = refsOf([
      entry({ entityType: 'course_requests', entityId: '5', after: { teachers: [{ teacherId: 3 }], adminClassIds: [7, 8], termId: 2 } }),
      entry({ entityType: 'students', entityId: '11', before: { adminClassId: 7 } }),
    ]);
    expect(Object.fromEntries([...refs].map(([t, ids]) => [t, [...ids].sort((a, b) => a - b)]))).toEqual({
      course_requests: [5],
      teachers: [3],
      admin_classes: [7, 8],
      terms: [2],
      students: [11],
    });
  });
});
