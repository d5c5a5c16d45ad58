import { adminClassInput } from '@jiaowu/contracts';
import { findAdminClassesByCode, findMajorRefs } from '../../org/org.import-repository.ts';
import type { ImportKindSpec } from './types.ts';

/** Admin classes (行政班): major by 专业代码. */
export const adminClassesImport: ImportKindSpec = {
  kind: 'adminClasses',
  manage: 'org.manage',
  entity: 'admin_classes',
  schema: adminClassInput,
  refs: { majorCode: { field: 'majorId', load: findMajorRefs } },
  anchor: (refs) => refs.majorCode,
  findExisting: findAdminClassesByCode,
};
