import { courseInput } from '@jiaowu/contracts';
import type { ResourceDef } from '../../platform/crud/resource.types.ts';
import { patchSchema } from '../../platform/validation.ts';
import { departmentCols, joinDepartment } from '../org/org.read-model.ts';
import { courses } from './catalog.tables.ts';

/** 课程库 as a generic resource: list with search, filters, sorts, export; scope by the owning department's college. */
export const courseResource: ResourceDef = {
  key: 'courses', entity: 'courses', table: courses, read: 'catalog.read', manage: 'catalog.manage',
  selection: {
    id: courses.id, code: courses.code, name: courses.name, nameEn: courses.nameEn, credits: courses.credits,
    lectureHours: courses.lectureHours, labHours: courses.labHours, practiceHours: courses.practiceHours,
    assessment: courses.assessment, departmentId: courses.departmentId, departmentName: departmentCols.name,
    departmentCode: departmentCols.code, collegeId: departmentCols.collegeId, collegeName: departmentCols.collegeName,
    category: courses.category, prerequisites: courses.prerequisites, description: courses.description, isActive: courses.isActive,
  },
  joins: (qb) => joinDepartment(qb, courses.departmentId),
  search: [courses.code, courses.name, courses.nameEn],
  filters: {
    departmentId: courses.departmentId, collegeId: departmentCols.collegeId, category: courses.category,
    assessment: courses.assessment, isActive: courses.isActive,
  },
  sorts: { code: courses.code, name: courses.name, credits: courses.credits, category: courses.category },
  defaultSort: courses.code,
  scope: { college: departmentCols.collegeId, department: courses.departmentId },
  input: courseInput, update: patchSchema(courseInput),
  refFields: { department: 'departmentId' },
};
