import { studentInput } from '@jiaowu/contracts';
import { findAdminClassRefs, findIdNumberHolders, findStudentsByCode } from '../../org/org.import-repository.ts';
import type { ImportKindSpec } from './types.ts';

/** Students (学生): 学号, class by 行政班代码; the major follows the class. */
export const studentsImport: ImportKindSpec = {
  kind: 'students',
  manage: 'students.manage',
  entity: 'students',
  schema: studentInput,
  refs: { adminClassCode: { field: 'adminClassId', load: findAdminClassRefs } },
  anchor: (refs) => refs.adminClassCode,
  derive: (refs) => ({ majorId: refs.adminClassCode.majorId }),
  findExisting: findStudentsByCode,
  findIdNumberHolders: (db, ids) => findIdNumberHolders(db, 'students', ids),
};
