import { teacherInput } from '@jiaowu/contracts';
import { findDepartmentRefs, findIdNumberHolders, findTeachersByCode } from '../../org/org.import-repository.ts';
import type { ImportKindSpec } from './types.ts';

/** Teachers (教师): 工号, department by 系代码. */
export const teachersImport: ImportKindSpec = {
  kind: 'teachers',
  manage: 'teachers.manage',
  entity: 'teachers',
  schema: teacherInput,
  refs: { departmentCode: { field: 'departmentId', load: findDepartmentRefs } },
  anchor: (refs) => refs.departmentCode,
  findExisting: findTeachersByCode,
  findIdNumberHolders: (db, ids) => findIdNumberHolders(db, 'teachers', ids),
};
