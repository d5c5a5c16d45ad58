import { describe, expect, it } from 'vitest';
import { anonymousActor, requireAccess, scopeOf, type Actor } from './access.ts';

// The union of the grants of ONE permission: anchors of another permission's
// grants never leak into it.

const user = (over: Partial<Actor>): Actor => ({ ...anonymousActor(), kind: 'user', userId: 7, name: 'u', ...over });

describe('scopeOf', () => {
  it('keeps each permission to the anchors of the assignments that grant it', () => {
    const a = user({
      permissions: { 'students.read': 'college', 'students.manage': 'college', 'offerings.read': 'teaching' },
      grants: {
        'students.read': [
          { scope: 'college', collegeId: 1, departmentId: null },
          { scope: 'college', collegeId: 2, departmentId: null },
        ],
        'students.manage': [{ scope: 'college', collegeId: 1, departmentId: null }],
        'offerings.read': [{ scope: 'teaching', collegeId: null, departmentId: null }],
      },
      collegeIds: [1, 2],
      teacherId: 40,
    });
    expect(scopeOf(a, 'students.read')).toMatchObject({ kind: 'some', collegeIds: [1, 2], teachingTeacherId: null });
    expect(scopeOf(a, 'students.manage')).toMatchObject({ kind: 'some', collegeIds: [1], departmentIds: [] });
    expect(scopeOf(a, 'offerings.read')).toMatchObject({ kind: 'some', collegeIds: [], teachingTeacherId: 40, selfTeacherId: null });
  });

  it('is all when any grant of the permission is all, and nothing for unanchored college grants', () => {
    const a = user({
      permissions: { 'students.read': 'all', 'teachers.read': 'college' },
      grants: {
        'students.read': [
          { scope: 'self', collegeId: null, departmentId: null },
          { scope: 'all', collegeId: null, departmentId: null },
        ],
        'teachers.read': [{ scope: 'college', collegeId: null, departmentId: null }],
      },
      collegeIds: [3],
    });
    expect(scopeOf(a, 'students.read')).toEqual({ kind: 'all' });
    expect(scopeOf(a, 'teachers.read')).toEqual({
      kind: 'some',
      collegeIds: [],
      departmentIds: [],
      teachingTeacherId: null,
      selfTeacherId: null,
      selfStudentId: null,
    });
  });

  it('refuses a permission not held, before any scope', () => {
    expect(() => requireAccess(user({ permissions: {} }), 'students.read')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => requireAccess(anonymousActor(), 'students.read')).toThrow(expect.objectContaining({ code: 'unauthenticated' }));
  });
});
